using Ledger.Application.Access;
using Ledger.Application.Budgets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Funds;

/// <summary>Allocations from the pools to budgets this financial year, each with its resource-allocation working (R5).</summary>
public sealed class AllocationsModel(FundsWorkspace funds) : PageModel
{
    /// <summary>The page of allocations.</summary>
    public Page<AllocationLine> Allocations { get; private set; } = null!;

    /// <summary>The pool they are narrowed to, if any.</summary>
    [BindProperty(SupportsGet = true, Name = "pool")]
    public string? Pool { get; set; }

    /// <summary>Loads a page of allocations.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var number = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var result = await funds.AllocationsAsync(actor, Pool, new PageRequest(number, 25), ct: ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Allocations = result.Value!;
        return Page();
    }

    /// <summary>The address of page <paramref name="number"/>.</summary>
    public string PageHref(int number) => $"/allocations?page={number}" + (Pool is null ? string.Empty : $"&pool={Uri.EscapeDataString(Pool)}");
}
