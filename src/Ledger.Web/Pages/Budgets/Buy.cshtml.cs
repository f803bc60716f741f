using Ledger.Application.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Budgets;

/// <summary>Buy a service for a budget: search the catalogue, with the lead professional's delegated limit shown.</summary>
public sealed class BuyModel(PurchaseWorkspace purchases) : PageModel
{
    /// <summary>The budget bought for.</summary>
    public BudgetOverview Budget { get; private set; } = null!;

    /// <summary>The user's delegated limits.</summary>
    public PurchasingLimit Limit { get; private set; } = null!;

    /// <summary>The services matching the search.</summary>
    public IReadOnlyList<CatalogueEntry> Services { get; private set; } = [];

    /// <summary>The words searched for.</summary>
    [BindProperty(SupportsGet = true, Name = "search")]
    public string? Search { get; set; }

    /// <summary>Loads the budget, the limit and the catalogue.</summary>
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !AccessRules.MayBuy(actor))
        {
            return Forbid();
        }

        var budget = await purchases.BudgetAsync(actor, code, ct);
        if (!budget.Succeeded)
        {
            return NotFound();
        }

        var limit = await purchases.LimitAsync(actor, ct);
        var services = await purchases.CatalogueAsync(actor, Search?.Length > 100 ? Search[..100] : Search, ct);
        if (!limit.Succeeded || !services.Succeeded)
        {
            return Forbid();
        }

        (Budget, Limit, Services) = (budget.Value!, limit.Value!, services.Value!);
        return Page();
    }
}
