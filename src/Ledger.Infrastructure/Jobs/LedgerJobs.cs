using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain.Calendar;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Infrastructure.Jobs;

/// <summary>
/// The background jobs Hangfire runs. Each takes codes and ISO dates only (what Hangfire stores and
/// shows), computes "today" in Europe/London when no date is given, and is safe to run twice: every
/// service it calls is keyed or checks what is already done. A refusal throws, so Hangfire records the
/// job as failed with the refusal's code and message and retries it.
/// </summary>
public sealed partial class LedgerJobs(PaymentRunService payments, IHoldExpiry expiry, PurchasingService purchasing, YearEndService yearEnd, IClock clock,
    ILogger<LedgerJobs> logger)
{
    /// <summary>The zone of every schedule and of "today".</summary>
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Runs (or finishes) the area's payment run for <paramref name="runOn"/> (ISO date; today in London when null).</summary>
    public async Task PaymentRunAsync(string areaCode, string? runOn)
    {
        var day = Day(runOn);
        var result = await payments.RunAsync(areaCode, day).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Payment run for {areaCode} on {day:uuuu-MM-dd}: {result.Error!.Code}: {result.Error.Message}");
        }

        LogPaymentRun(logger, result.Value!.Run.Reference, result.Value.Payments.Count, result.Value.Total, result.Value.AlreadyCompleted);
    }

    /// <summary>Expires holds past their expiry and brings orders into line with their holds.</summary>
    public async Task ExpireHoldsAsync()
    {
        var expired = await expiry.ExpireDueAsync().ConfigureAwait(false);
        var reconciled = await purchasing.SweepAsync().ConfigureAwait(false);
        LogExpired(logger, expired, reconciled);
    }

    /// <summary>
    /// Year-end processing for the area: the financial year starting in <paramref name="startYear"/>, or,
    /// when null, the year that ended most recently (on 1 April, the year just ended).
    /// </summary>
    public async Task YearEndAsync(string areaCode, int? startYear)
    {
        var year = startYear is { } y ? FinancialYear.StartingIn(y) : FinancialYear.Containing(Today()).Previous;
        var result = await yearEnd.RunAsync(areaCode, year).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Year end {year} for {areaCode}: {result.Error!.Code}: {result.Error.Message}");
        }

        LogYearEnd(logger, areaCode, year);
    }

    /// <summary>Today in Europe/London.</summary>
    public LocalDate Today() => clock.GetCurrentInstant().InZone(London).Date;

    private LocalDate Day(string? iso) =>
        iso is null ? Today() : LocalDatePattern.Iso.Parse(iso) is { Success: true } parsed ? parsed.Value : throw new ArgumentException($"'{iso}' is not a date yyyy-MM-dd.", nameof(iso));

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment run {Reference}: {Providers} provider(s), {Total} (already completed: {Already})")]
    private static partial void LogPaymentRun(ILogger logger, string reference, int providers, Domain.Money total, bool already);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold expiry: {Expired} hold(s) expired, {Reconciled} order(s) brought into line")]
    private static partial void LogExpired(ILogger logger, int expired, int reconciled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Year end {Year} done for {Area}")]
    private static partial void LogYearEnd(ILogger logger, string area, FinancialYear year);
}
