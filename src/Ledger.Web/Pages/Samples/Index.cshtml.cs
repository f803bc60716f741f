using System.Globalization;
using Ledger.Application.Access;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Ledger.Web.Pages.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Samples;

/// <summary>The area's assurance samples (R21), newest first; internal audit draws a new one here with a seed and a percentage.</summary>
[Authorize(Roles = $"{LedgerRoles.BudgetHolder},{LedgerRoles.InternalAuditor}")]
public sealed class IndexModel(ClaimsWorkspace claims) : PageModel
{
    /// <summary>The samples.</summary>
    public IReadOnlyList<AssuranceSample> Samples { get; private set; } = [];

    /// <summary>Whether the user draws samples (internal audit).</summary>
    public bool Draws { get; private set; }

    /// <summary>Period start: day, month, year.</summary>
    [BindProperty]
    public string? FromDay { get; set; }

    /// <summary>Period start month.</summary>
    [BindProperty]
    public string? FromMonth { get; set; }

    /// <summary>Period start year.</summary>
    [BindProperty]
    public string? FromYear { get; set; }

    /// <summary>Period end day.</summary>
    [BindProperty]
    public string? ToDay { get; set; }

    /// <summary>Period end month.</summary>
    [BindProperty]
    public string? ToMonth { get; set; }

    /// <summary>Period end year.</summary>
    [BindProperty]
    public string? ToYear { get; set; }

    /// <summary>The random percentage.</summary>
    [BindProperty]
    public string? Percent { get; set; }

    /// <summary>The random seed.</summary>
    [BindProperty]
    public string? Seed { get; set; }

    /// <summary>Every claim of at least this amount is checked (optional).</summary>
    [BindProperty]
    public string? Threshold { get; set; }

    /// <summary>What is wrong with the form.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for one field, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Lists the samples.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        Seed ??= RandomSeed().ToString(CultureInfo.InvariantCulture);
        Percent ??= "10";
        return Page();
    }

    /// <summary>Draws a sample and shows it; bad input is a field error and nothing is drawn.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || CurrentUser.From(User)?.ToActor() is not { } actor || !Draws)
        {
            return Forbid();
        }

        var errors = new List<FieldError>();
        var from = ClaimText.Date(FromDay, FromMonth, FromYear);
        var to = ClaimText.Date(ToDay, ToMonth, ToYear);
        if (from is null)
        {
            errors.Add(new FieldError("from-day", "Enter the first day of the approval period, for example 1 7 2026"));
        }

        if (to is null)
        {
            errors.Add(new FieldError("to-day", "Enter the last day of the approval period, for example 30 9 2026"));
        }
        else if (from is not null && to < from)
        {
            errors.Add(new FieldError("to-day", "The last day must be the same as or after the first day"));
        }

        if (!decimal.TryParse(Percent, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 100)
        {
            errors.Add(new FieldError("percent", "Percentage must be a number from 0 to 100"));
        }

        if (!int.TryParse(Seed, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            errors.Add(new FieldError("seed", "Seed must be a whole number"));
        }

        Money? threshold = null;
        if (!string.IsNullOrWhiteSpace(Threshold))
        {
            if (!Money.TryParse(Threshold.Trim().TrimStart('£'), out var t) || !t.IsPositive)
            {
                errors.Add(new FieldError("threshold", "Threshold must be an amount above zero, for example 1200.00, or left empty"));
            }
            else
            {
                threshold = t;
            }
        }

        if (errors.Count == 0)
        {
            var result = await claims.DrawSampleAsync(actor, new SampleDraw(from!.Value, to!.Value, new SampleRules(percent, seed, threshold, null, null)), ct);
            if (result.Succeeded)
            {
                return Redirect($"/samples/{result.Value!.Sample.Reference}");
            }

            errors.Add(new FieldError(result.Error!.Code == BudgetErrorCode.InvalidSample ? "from-day" : "percent", result.Error.Message));
        }

        Errors = errors;
        ViewData["HasErrors"] = true;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return false;
        }

        var samples = await claims.SamplesAsync(actor, ct);
        Samples = samples.Value ?? [];
        Draws = AccessRules.MayCheckSamples(actor);
        return samples.Succeeded;
    }

    // A suggested seed; the auditor may change it, and the one used is recorded with the sample so the draw can be repeated.
    private static int RandomSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 1_000_000);
}
