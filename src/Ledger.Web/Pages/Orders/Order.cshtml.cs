using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Orders;

/// <summary>One order the user may see; one they may not see is not found, exactly as one that does not exist.</summary>
public sealed class OrderModel(WorkspaceQueries queries) : PageModel
{
    /// <summary>The order.</summary>
    public OrderView View { get; private set; } = null!;

    /// <summary>Loads the order.</summary>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await queries.OrderAsync(actor, reference, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        View = result.Value!;
        return Page();
    }
}
