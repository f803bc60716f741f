using Hangfire;
using Hangfire.Storage;
using Ledger.Domain.Calendar;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Ledger.Web.Pages.BackgroundJobs;

/// <summary>One recurring job as a budget holder reads it.</summary>
/// <param name="Id">The job's id, e.g. "payment-run:WESTMOOR".</param>
/// <param name="Schedule">Its cron schedule (Europe/London).</param>
/// <param name="Next">When it next runs, London time.</param>
/// <param name="Last">When it last ran, London time.</param>
/// <param name="LastState">How its last run ended (Succeeded, Failed, Processing…).</param>
/// <param name="Error">Why it could not be scheduled, if it could not.</param>
public sealed record AreaJob(string Id, string Schedule, LocalDateTime? Next, LocalDateTime? Last, string? LastState, string? Error);

/// <summary>
/// The background jobs of the budget holder's own area (its payment runs, statements, pilot report and year
/// end) and the jobs every area shares (hold expiry), read from Hangfire's storage. The full Hangfire
/// dashboard shows every area's jobs, so it is for administrators only.
/// </summary>
[Authorize(Roles = Infrastructure.Identity.LedgerRoles.BudgetHolder + "," + Infrastructure.Identity.LedgerRoles.Administrator)]
public sealed class IndexModel(JobStorage storage) : PageModel
{
    /// <summary>The jobs shown.</summary>
    public IReadOnlyList<AreaJob> Jobs { get; private set; } = [];

    /// <summary>The area shown; null for an administrator, who sees every area's.</summary>
    public string? Area { get; private set; }

    /// <summary>Reads the recurring jobs.</summary>
    public IActionResult OnGet()
    {
        var me = CurrentUser.From(User)!;
        Area = me.Role == Infrastructure.Identity.LedgerRoles.Administrator ? null : me.AreaCode;
        using var connection = storage.GetConnection();
        Jobs = connection.GetRecurringJobs()
            .Where(j => Area is null || !j.Id.Contains(':', StringComparison.Ordinal) || j.Id.EndsWith(":" + Area, StringComparison.Ordinal))
            .OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => new AreaJob(j.Id, j.Cron, London(j.NextExecution), London(j.LastExecution), j.LastJobState, j.Error))
            .ToList();
        return Page();
    }

    private static LocalDateTime? London(DateTime? utc) =>
        utc is { } t ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc)).InZone(Domain.Calendar.London.Zone).LocalDateTime : null;
}
