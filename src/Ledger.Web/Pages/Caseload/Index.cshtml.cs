using Ledger.Application.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Caseload;

/// <summary>A lead professional's (or broker's) caseload: each budget with what each funding stream may still spend.</summary>
public sealed class IndexModel(WorkspaceQueries queries) : PageModel
{
    /// <summary>The budgets, by code.</summary>
    public IReadOnlyList<CaseloadBudget> Budgets { get; private set; } = [];

    /// <summary>Loads the caseload; a role without one is refused by the application and sent to access denied.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await queries.CaseloadAsync(actor, ct: ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Budgets = result.Value!;
        return Page();
    }
}
