using System.Globalization;
using Ledger.Application.Access;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Claims;

/// <summary>A provider's user starts a claim on one of its contracts: the child or family, the outcome and the day it was achieved.</summary>
[Authorize(Roles = LedgerRoles.Provider)]
public sealed class NewModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The contracts the user may claim under.</summary>
    public IReadOnlyList<ClaimableContract> Contracts { get; private set; } = [];

    /// <summary>The contract chosen.</summary>
    [BindProperty]
    public string? Contract { get; set; }

    /// <summary>The child's or family's reference.</summary>
    [BindProperty]
    public string? Subject { get; set; }

    /// <summary>The outcome's code.</summary>
    [BindProperty]
    public string? Outcome { get; set; }

    /// <summary>Which sustainment payment, if this is one.</summary>
    [BindProperty]
    public string? Sustainment { get; set; }

    /// <summary>The day achieved: day.</summary>
    [BindProperty]
    public string? AchievedOnDay { get; set; }

    /// <summary>The day achieved: month.</summary>
    [BindProperty]
    public string? AchievedOnMonth { get; set; }

    /// <summary>The day achieved: year.</summary>
    [BindProperty]
    public string? AchievedOnYear { get; set; }

    /// <summary>This form's key, so sending it twice makes one claim.</summary>
    [BindProperty]
    public string? FormKey { get; set; }

    /// <summary>What is wrong with the form.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for one field, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !await LoadAsync(actor, ct))
        {
            return Forbid();
        }

        Contract ??= Contracts.Count == 1 ? Contracts[0].Code : null;
        FormKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>Starts the draft and goes to it; bad input shows field errors and writes nothing.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !await LoadAsync(actor, ct))
        {
            return Forbid();
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Contract) || Contracts.All(c => c.Code != Contract))
        {
            errors.Add(new FieldError("contract", "Select the contract you are claiming under"));
        }

        if (string.IsNullOrWhiteSpace(Subject))
        {
            errors.Add(new FieldError("subject", "Select the child or family the outcome was achieved for"));
        }

        if (string.IsNullOrWhiteSpace(Outcome))
        {
            errors.Add(new FieldError("outcome", "Select the outcome achieved"));
        }

        int? sustainment = null;
        if (!string.IsNullOrWhiteSpace(Sustainment))
        {
            if (!int.TryParse(Sustainment, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 20)
            {
                errors.Add(new FieldError("sustainment", "Sustainment payment must be a whole number from 1, or left empty for the outcome itself"));
            }
            else
            {
                sustainment = n;
            }
        }

        var achievedOn = ClaimText.Date(AchievedOnDay, AchievedOnMonth, AchievedOnYear);
        if (achievedOn is null)
        {
            errors.Add(new FieldError("achieved-on-day", "Enter the date the outcome was achieved, for example 14 10 2026"));
        }

        if (errors.Count == 0)
        {
            var key = $"web:{actor.UserName}:{(string.IsNullOrWhiteSpace(FormKey) || FormKey.Length > 64 ? Guid.NewGuid().ToString("N") : FormKey)}";
            var result = await claims.DraftAsync(actor, new NewClaim(Contract!, Subject!, Outcome!, sustainment, achievedOn!.Value), key, ct);
            if (result.Succeeded)
            {
                return Redirect($"/claims/{result.Value!.Claim.Reference}");
            }

            errors.Add(new FieldError(ClaimText.FieldFor(result.Error!.Code), result.Error.Message));
        }

        Errors = errors;
        ViewData["HasErrors"] = true;
        return Page();
    }

    private async Task<bool> LoadAsync(Actor actor, CancellationToken ct)
    {
        var contracts = await claims.ContractsAsync(actor, ct);
        Contracts = contracts.Value ?? [];
        return contracts.Succeeded;
    }
}
