using System.Globalization;
using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Claims;

/// <summary>The outcome claims the signed-in user may see (a provider its own, budget holders and auditors the area's), newest first, a page at a time.</summary>
[Authorize(Roles = $"{LedgerRoles.Provider},{LedgerRoles.BudgetHolder},{LedgerRoles.InternalAuditor}")]
public sealed class IndexModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>Claims per page.</summary>
    public const int PageSize = 20;

    /// <summary>This page of claims.</summary>
    public Page<ClaimView> Claims { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The status the list is narrowed to, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public ClaimStatus? Status { get; set; }

    /// <summary>Whether the user makes claims (a provider's user).</summary>
    public bool MakesClaims { get; private set; }

    /// <summary>Loads the page asked for.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        // "page" is Razor Pages' own route value, so the query string is read directly.
        var number = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        IReadOnlySet<ClaimStatus>? statuses = Status is { } s && Enum.IsDefined(s) ? new HashSet<ClaimStatus> { s } : null;
        var result = await claims.ClaimsAsync(actor, new PageRequest(number, PageSize), statuses, ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        if (result.Value!.Number > result.Value.Pages)
        {
            result = await claims.ClaimsAsync(actor, new PageRequest(result.Value.Pages, PageSize), statuses, ct);
        }

        Claims = result.Value!;
        MakesClaims = AccessRules.MayClaimUnder(actor, actor.Provider ?? string.Empty);
        return Page();
    }

    /// <summary>The link to page <paramref name="number"/>, keeping the filter.</summary>
    public string PageLink(int number) => Status is null ? $"/claims?page={number}" : $"/claims?status={Status}&page={number}";
}
