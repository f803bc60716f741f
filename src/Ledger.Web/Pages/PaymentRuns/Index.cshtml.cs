using Ledger.Application.Access;
using Ledger.Domain.Calendar;
using Ledger.Domain.Purchasing;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Ledger.Web.Pages.PaymentRuns;

/// <summary>The area's payment runs, and running one: every settled invoice and approved claim not yet paid (R13).</summary>
public sealed class IndexModel(PurchaseWorkspace purchases, IClock clock) : FormPage
{
    /// <summary>The runs, newest first.</summary>
    public IReadOnlyList<PaymentRun> Runs { get; private set; } = [];

    /// <summary>The run's date.</summary>
    [BindProperty]
    public DateParts RunOn { get; set; } = new();

    /// <summary>Lists the runs.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        RunOn = DateParts.Of(London.Today(clock));
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>Runs (or finishes) the payment run for the date given, then shows it.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (RunOn.ToDate() is not { } day)
        {
            AddError("run-on", "Enter the payment date as a real date, for example 27 3 2026.");
        }
        else
        {
            var result = await purchases.RunPaymentsAsync(CurrentUser.From(User)!.ToActor()!, day, ct: ct);
            if (result.Succeeded)
            {
                var r = result.Value!;
                TempData["Notice"] = r.AlreadyCompleted
                    ? $"Payment run {r.Run.Reference} for {OrderText.Day(r.Run.RunOn)} had already run; nothing more was paid."
                    : $"Payment run {r.Run.Reference} paid {r.Payments.Count} provider(s) {r.Total} in all.";
                return RedirectToPage("/PaymentRuns/Run", new { reference = r.Run.Reference });
            }

            AddError(result.Error!, "run-on");
        }

        MarkErrors();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var runs = await purchases.PaymentRunsAsync(actor, ct);
        if (!runs.Succeeded)
        {
            return Forbid();
        }

        Runs = runs.Value!;
        return null;
    }
}
