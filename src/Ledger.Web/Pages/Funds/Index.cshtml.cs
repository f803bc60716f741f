using Ledger.Application.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Funds;

/// <summary>The area's funding streams and pools this financial year: what each partner put in and where it has gone.</summary>
public sealed class IndexModel(FundsWorkspace funds) : PageModel
{
    /// <summary>The pools.</summary>
    public IReadOnlyList<PoolOverview> Pools { get; private set; } = [];

    /// <summary>Loads the pools.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await funds.PoolsAsync(actor, ct: ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Pools = result.Value!;
        return Page();
    }
}
