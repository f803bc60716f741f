using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Samples;

/// <summary>One assurance sample: each claim chosen and why, and what its spot check found; internal audit records findings here (R21).</summary>
[Authorize(Roles = $"{LedgerRoles.BudgetHolder},{LedgerRoles.InternalAuditor}")]
public sealed class SampleModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The sample.</summary>
    public SampleView View { get; private set; } = null!;

    /// <summary>Whether the user records findings (internal audit).</summary>
    public bool Checks { get; private set; }

    /// <summary>The claim the finding is about.</summary>
    [BindProperty]
    public string? Claim { get; set; }

    /// <summary>Valid or Invalid.</summary>
    [BindProperty]
    public string? Finding { get; set; }

    /// <summary>What was found.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>What is wrong with the form.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for one field, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>The claims still to check.</summary>
    public IReadOnlyList<ClaimView> Pending => View.Checks.Where(c => c.Check.Finding == SpotCheckFinding.Pending).Select(c => c.Claim).ToList();

    /// <summary>Shows the sample; one the user may not see is not found.</summary>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) => await LoadAsync(reference, ct) ? Page() : NotFound();

    /// <summary>Records a finding; an invalid claim is clawed back. Bad input is a field error and nothing is recorded.</summary>
    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct) || CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return NotFound();
        }

        if (!Checks)
        {
            return Forbid();
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Claim) || Pending.All(p => p.Claim.Reference != Claim))
        {
            errors.Add(new FieldError("claim", "Select a claim of the sample that has not been checked"));
        }

        if (!Enum.TryParse<SpotCheckFinding>(Finding, out var finding) || finding == SpotCheckFinding.Pending || !Enum.IsDefined(finding) || int.TryParse(Finding, out _))
        {
            errors.Add(new FieldError("finding", "Select whether the claim is valid or invalid"));
        }
        else if (finding == SpotCheckFinding.Invalid && string.IsNullOrWhiteSpace(Note))
        {
            errors.Add(new FieldError("note", "Enter why the claim is invalid: the provider sees it with the clawback"));
        }

        if (Note?.Length > OutcomeClaim.MaxReasonLength)
        {
            errors.Add(new FieldError("note", $"The note must be {OutcomeClaim.MaxReasonLength} characters or fewer"));
        }

        if (errors.Count == 0)
        {
            var result = await claims.RecordFindingAsync(actor, reference, Claim!, finding, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(), ct);
            if (result.Succeeded)
            {
                return Redirect($"/samples/{Uri.EscapeDataString(View.Sample.Reference)}");
            }

            errors.Add(new FieldError(result.Error!.Code is BudgetErrorCode.ReasonRequired or BudgetErrorCode.InvalidRequest ? "note" : "claim", result.Error.Message));
        }

        Errors = errors;
        ViewData["HasErrors"] = true;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return false;
        }

        var found = await claims.SampleAsync(actor, reference, ct);
        if (!found.Succeeded)
        {
            return false;
        }

        View = found.Value!;
        Checks = AccessRules.MayCheckSamples(actor);
        return true;
    }
}
