using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Claims;

/// <summary>What a spot checker looks at for one claim (R21): eligibility, the evidence with its hashes, the pricing, and the checks so far.</summary>
[Authorize(Roles = $"{LedgerRoles.BudgetHolder},{LedgerRoles.InternalAuditor}")]
public sealed class BundleModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The bundle.</summary>
    public SpotCheckBundle Bundle { get; private set; } = null!;

    /// <summary>Loads the bundle; a claim the user may not see is not found.</summary>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await claims.BundleAsync(actor, reference, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Bundle = result.Value!;
        return Page();
    }
}
