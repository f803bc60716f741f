using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Claims;

/// <summary>A budget holder's claims queue: claims signed off and waiting for approval, and those still waiting for internal audit.</summary>
[Authorize(Roles = LedgerRoles.BudgetHolder)]
public sealed class QueueModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>Signed off by internal audit, waiting for a budget holder's approval.</summary>
    public IReadOnlyList<ClaimView> ToApprove { get; private set; } = [];

    /// <summary>Submitted and validated, waiting for internal audit's sign-off.</summary>
    public IReadOnlyList<ClaimView> WithAudit { get; private set; } = [];

    /// <summary>Loads the queue, oldest first within each list so the longest waiting come first.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var approve = await QueueFile.AllAsync(claims, actor, ClaimStatus.SignedOff, ct);
        var audit = await QueueFile.AllAsync(claims, actor, ClaimStatus.Validated, ct);
        if (approve is null || audit is null)
        {
            return Forbid();
        }

        (ToApprove, WithAudit) = (approve, audit);
        return Page();
    }
}

/// <summary>Reads every claim of one status the actor may see, oldest first.</summary>
internal static class QueueFile
{
    public static async Task<IReadOnlyList<ClaimView>?> AllAsync(ClaimsWorkspace claims, Actor actor, ClaimStatus status, CancellationToken ct)
    {
        var found = new List<ClaimView>();
        for (var page = 1; ; page++)
        {
            var result = await claims.ClaimsAsync(actor, new PageRequest(page, PageRequest.MaxSize), new HashSet<ClaimStatus> { status }, ct);
            if (!result.Succeeded)
            {
                return null;
            }

            found.AddRange(result.Value!.Items);
            if (page >= result.Value.Pages)
            {
                found.Reverse();
                return found;
            }
        }
    }
}
