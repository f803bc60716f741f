using Ledger.Application.Access;
using Ledger.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Ledger.Web.Pages.Budgets;

/// <summary>A child's or family's budget: balances per funding stream to date, its orders, and (for its lead professional) buying a service.</summary>
public sealed class BudgetModel(PurchaseWorkspace purchases, IClock clock) : PageModel
{
    /// <summary>The budget.</summary>
    public BudgetOverview Budget { get; private set; } = null!;

    /// <summary>Whether the user may buy services (lead professionals and brokers).</summary>
    public bool MayBuy { get; private set; }

    /// <summary>This month, for the statement link.</summary>
    public YearMonth ThisMonth { get; private set; }

    /// <summary>Loads the budget; one the user may not see is not found.</summary>
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await purchases.BudgetAsync(actor, code, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Budget = result.Value!;
        MayBuy = AccessRules.MayBuy(actor);
        ThisMonth = London.Today(clock).ToYearMonth();
        return Page();
    }
}
