using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Claims;

/// <summary>
/// One claim: its status, the working of its amount line by line, and its evidence; with what the user may do
/// next — the provider uploads evidence and submits its draft, internal audit signs off or rejects, a budget
/// holder approves or rejects. A claim the user may not see is not found, as one that does not exist.
/// </summary>
[Authorize(Roles = $"{LedgerRoles.Provider},{LedgerRoles.BudgetHolder},{LedgerRoles.InternalAuditor}")]
[EvidenceUploadLimit]
public sealed class ClaimModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The claim.</summary>
    public ClaimView View { get; private set; } = null!;

    /// <summary>The signed-in user as the application sees them.</summary>
    public Actor Actor { get; private set; } = null!;

    /// <summary>What the evidence is (upload form).</summary>
    [BindProperty]
    public string? Describes { get; set; }

    /// <summary>What the evidence shows (upload form).</summary>
    [BindProperty]
    public string? Purpose { get; set; }

    /// <summary>The file (upload form).</summary>
    [BindProperty]
    public IFormFile? Document { get; set; }

    /// <summary>Why the claim is rejected (reject form).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>What is wrong with a form.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What was just done, for the success banner.</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>The largest file accepted.</summary>
    public long MaxBytes => claims.EvidenceMaxBytes;

    /// <summary>The error for one field, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Whether the user may upload evidence and submit: the claiming provider's user, on a draft.</summary>
    public bool CanPrepare => View.Claim.Status == ClaimStatus.Draft && AccessRules.MayPrepareClaim(Actor, View);

    /// <summary>Whether the user may sign it off now.</summary>
    public bool CanSignOff => View.Claim.Status == ClaimStatus.Validated && AccessRules.MaySignOffClaims(Actor);

    /// <summary>Whether the user may approve it now.</summary>
    public bool CanApprove => View.Claim.Status == ClaimStatus.SignedOff && AccessRules.MayApproveClaims(Actor);

    /// <summary>Whether the user may reject it now.</summary>
    public bool CanReject => View.Claim.Status is ClaimStatus.Validated or ClaimStatus.SignedOff && AccessRules.MayRejectClaims(Actor);

    /// <summary>Shows the claim.</summary>
    public async Task<IActionResult> OnGetAsync(string reference, string? upload, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        if (upload == EvidenceUploadLimitAttribute.TooLargeFlag)
        {
            Fail(new FieldError("file", TooLarge()));
        }

        return Page();
    }

    /// <summary>Downloads a file of evidence of the claim (as an attachment, never shown in the page).</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(string reference, string? sha256, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return NotFound();
        }

        var found = await claims.EvidenceAsync(actor, reference, sha256 ?? string.Empty, ct);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(found.Value.Content, found.Value.File.ContentType, found.Value.File.FileName);
    }

    /// <summary>Attaches a file of evidence; a file too large or of the wrong type is a field error and nothing is stored.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Describes))
        {
            errors.Add(new FieldError("describes", "Enter which evidence the file is, for example school attendance record"));
        }

        if (!Enum.TryParse<EvidencePurpose>(Purpose, out var purpose) || !Enum.IsDefined(purpose) || int.TryParse(Purpose, out _))
        {
            errors.Add(new FieldError("purpose", "Select what the file shows"));
        }

        if (Document is null || Document.Length == 0)
        {
            errors.Add(new FieldError("file", "Select a file"));
        }
        else if (Document.Length > claims.EvidenceMaxBytes)
        {
            errors.Add(new FieldError("file", TooLarge()));
        }

        if (errors.Count > 0)
        {
            return Fail([.. errors]);
        }

        byte[] content;
        using (var buffer = new MemoryStream((int)Document!.Length))
        {
            await using var stream = Document.OpenReadStream();
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        var result = await claims.AttachEvidenceAsync(Actor, reference, new NewEvidence(Describes!, purpose, Document.FileName, content), ct);
        return result.Succeeded ? Finish(reference, $"{result.Value!.FileName} was attached") : Fail(ErrorOf(result.Error!, "file"));
    }

    /// <summary>Submits the draft: the rate card's rules run.</summary>
    public Task<IActionResult> OnPostSubmitAsync(string reference, CancellationToken ct) =>
        StepAsync(reference, a => claims.SubmitAsync(a, reference, ct), "The claim was submitted and passed the automatic checks", "submit", ct);

    /// <summary>Internal audit signs the claim off.</summary>
    public Task<IActionResult> OnPostSignOffAsync(string reference, CancellationToken ct) =>
        StepAsync(reference, a => claims.SignOffAsync(a, reference, ct), "You signed the claim off", "sign-off", ct);

    /// <summary>A budget holder approves the claim: the payment becomes owed to the provider.</summary>
    public Task<IActionResult> OnPostApproveAsync(string reference, CancellationToken ct) =>
        StepAsync(reference, a => claims.ApproveAsync(a, reference, ct), "You approved the claim: the payment is owed to the provider and paid by the next payment run",
            "approve", ct);

    /// <summary>Rejects the claim with a reason.</summary>
    public async Task<IActionResult> OnPostRejectAsync(string reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            return await LoadAsync(reference, ct) ? Fail(new FieldError("reason", "Enter why the claim is rejected")) : NotFound();
        }

        if (Reason.Length > OutcomeClaim.MaxReasonLength)
        {
            return await LoadAsync(reference, ct)
                ? Fail(new FieldError("reason", $"The reason must be {OutcomeClaim.MaxReasonLength} characters or fewer"))
                : NotFound();
        }

        return await StepAsync(reference, a => claims.RejectAsync(a, reference, Reason, ct), "You rejected the claim", "reason", ct);
    }

    private async Task<IActionResult> StepAsync(string reference, Func<Actor, Task<Ledger.Domain.Budgets.Result<ClaimView>>> step, string done, string field,
        CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        var result = await step(Actor);
        if (result.Succeeded)
        {
            return Finish(reference, done);
        }

        if (result.Error!.Code == BudgetErrorCode.UnknownClaim)
        {
            return NotFound();
        }

        await LoadAsync(reference, ct);
        return Fail(ErrorOf(result.Error, field));
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return false;
        }

        Actor = actor;
        var found = await claims.ClaimAsync(actor, reference, ct);
        if (!found.Succeeded)
        {
            return false;
        }

        View = found.Value!;
        return true;
    }

    private RedirectResult Finish(string reference, string done)
    {
        Done = done;
        return Redirect($"/claims/{Uri.EscapeDataString(reference)}");
    }

    private PageResult Fail(params FieldError[] errors)
    {
        Errors = errors;
        ViewData["HasErrors"] = true;
        return Page();
    }

    private static FieldError ErrorOf(BudgetError error, string field) => new(field, error.Message);

    private string TooLarge() => $"The selected file must be smaller than {claims.EvidenceMaxBytes / (1024 * 1024)} MB. Nothing was stored.";
}
