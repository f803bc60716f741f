using Ledger.Application.Audit;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Children;

/// <summary>
/// A child's or family's personal details (name, date of birth, address): the page first asks why they are
/// needed, then records the read in the audit trail and shows them. For the lead professional or broker with
/// the child on their caseload and the area's budget holders; anyone else gets "not found".
/// </summary>
[Authorize(Roles = LedgerRoles.LeadProfessional + "," + LedgerRoles.Broker + "," + LedgerRoles.BudgetHolder)]
public sealed class DetailsModel(AuditTrail trail) : PageModel
{
    /// <summary>The child's or family's reference.</summary>
    [BindProperty(SupportsGet = true)]
    public string Reference { get; set; } = string.Empty;

    /// <summary>Why the details are needed.</summary>
    [BindProperty]
    public string? Purpose { get; set; }

    /// <summary>The details, once read.</summary>
    public ChildDetails? Details { get; private set; }

    /// <summary>What is wrong with the form.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Asks why the details are needed (404 for a child the user may not read).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var check = await trail.CheckDetailsAsync(actor, Reference, ct);
        return check.Succeeded ? Page() : Refused(check.Error!);
    }

    /// <summary>Reads the details for the purpose given, recording the read; without a purpose nothing is read.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await trail.ReadDetailsAsync(actor, Reference, Purpose, ct);
        if (result.Succeeded)
        {
            Response.Headers.CacheControl = "no-store";
            Details = result.Value;
            return Page();
        }

        if (result.Error!.Code == BudgetErrorCode.ReasonRequired)
        {
            Errors = [new FieldError("purpose", $"Enter why you need these details, in up to {AuditTrail.MaxPurpose} characters")];
            return Page();
        }

        return Refused(result.Error);
    }

    private IActionResult Refused(BudgetError error) => error.Code == BudgetErrorCode.NotPermitted ? Forbid() : NotFound();
}
