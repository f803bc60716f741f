using Ledger.Application.Access;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Remittances;

/// <summary>A provider's remittances: each payment run that paid it, newest first, with the invoices, outcome claims and clawbacks of its payment.</summary>
[Authorize(Roles = LedgerRoles.Provider)]
public sealed class IndexModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The remittances.</summary>
    public IReadOnlyList<Remittance> Remittances { get; private set; } = [];

    /// <summary>The provider's code.</summary>
    public string Provider { get; private set; } = string.Empty;

    /// <summary>Loads the remittances.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await claims.RemittancesAsync(actor, ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Remittances = result.Value!;
        Provider = actor.Provider ?? string.Empty;
        return Page();
    }
}
