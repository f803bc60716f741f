using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Approvals;

/// <summary>The budget holder's approvals queue: purchases above delegated limits waiting for a decision, oldest first.</summary>
public sealed class IndexModel(PurchaseWorkspace purchases) : PageModel
{
    /// <summary>The page of waiting orders.</summary>
    public Page<OrderView> Waiting { get; private set; } = null!;

    /// <summary>Loads the queue.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !AccessRules.MayDecide(actor))
        {
            return Forbid();
        }

        var number = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var result = await purchases.ApprovalsAsync(actor, new PageRequest(number, 20), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Waiting = result.Value!;
        return Page();
    }
}
