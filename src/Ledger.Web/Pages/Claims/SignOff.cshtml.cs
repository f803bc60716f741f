using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Claims;

/// <summary>Internal audit's list: validated claims waiting for sign-off, longest waiting first.</summary>
[Authorize(Roles = LedgerRoles.InternalAuditor)]
public sealed class SignOffModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The claims waiting.</summary>
    public IReadOnlyList<ClaimView> Waiting { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || await QueueFile.AllAsync(claims, actor, ClaimStatus.Validated, ct) is not { } waiting)
        {
            return Forbid();
        }

        Waiting = waiting;
        return Page();
    }
}
