using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain.Calendar;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Infrastructure.Jobs;

/// <summary>Where jobs write their files.</summary>
public sealed class JobOptions
{
    /// <summary>The configuration section: <c>Ledger:Jobs</c>.</summary>
    public const string Section = "Ledger:Jobs";

    /// <summary>The folder monthly statements are written to (by area and month). Default: data/statements under the checkout.</summary>
    public string StatementsFolder { get; set; } = Path.Combine(Persistence.LedgerDatabase.DataRoot(), "data", "statements");
}

/// <summary>
/// The background jobs Hangfire runs. Each takes codes and ISO dates only (what Hangfire stores and
/// shows), computes "today" in Europe/London when no date is given, and is safe to run twice: every
/// service it calls is keyed or checks what is already done. A refusal throws, so Hangfire records the
/// job as failed with the refusal's code and message and retries it.
/// </summary>
public sealed partial class LedgerJobs(PaymentRunService payments, IHoldExpiry expiry, PurchasingService purchasing, YearEndService yearEnd,
    Application.Statements.IStatementQueries statements, Application.Statements.IProviderStatementQueries providerStatements, JobOptions options, IClock clock,
    ILogger<LedgerJobs> logger)
{
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

    /// <summary>
    /// Writes the area's monthly statements (every budget and every provider) for <paramref name="month"/>
    /// (yyyy-MM; the month just ended when null) into the statements folder. Running it again writes the
    /// same bytes; a month not yet ended is refused.
    /// </summary>
    public async Task MonthlyStatementsAsync(string areaCode, string? month)
    {
        var period = month is null ? Today().PlusMonths(-1).ToYearMonth()
            : YearMonthPattern.Iso.Parse(month) is { Success: true } parsed ? parsed.Value : throw new ArgumentException($"'{month}' is not a month yyyy-MM.", nameof(month));
        if (period.OnDayOfMonth(1).PlusMonths(1) > Today())
        {
            throw new InvalidOperationException($"{period} has not ended yet: statements are produced after the month ends.");
        }

        var monthText = period.ToString("uuuu-MM", null);
        var folder = Path.Combine(options.StatementsFolder, areaCode, monthText);
        var budgets = await Reports.Statements.StatementRun.WriteBudgetStatementsAsync(statements, areaCode, period, folder).ConfigureAwait(false);
        var providers = await Reports.Statements.StatementRun.WriteProviderStatementsAsync(providerStatements, areaCode, period, folder).ConfigureAwait(false);
        LogStatements(logger, areaCode, monthText, budgets.Count, providers.Count, folder);
    }

    /// <summary>Today in Europe/London.</summary>
    public LocalDate Today() => London.Today(clock);

    private LocalDate Day(string? iso) =>
        iso is null ? Today() : LocalDatePattern.Iso.Parse(iso) is { Success: true } parsed ? parsed.Value : throw new ArgumentException($"'{iso}' is not a date yyyy-MM-dd.", nameof(iso));

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment run {Reference}: {Providers} provider(s), {Total} (already completed: {Already})")]
    private static partial void LogPaymentRun(ILogger logger, string reference, int providers, Domain.Money total, bool already);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold expiry: {Expired} hold(s) expired, {Reconciled} order(s) brought into line")]
    private static partial void LogExpired(ILogger logger, int expired, int reconciled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statements for {Area} {Month}: {Budgets} budget and {Providers} provider statement(s) in {Folder}")]
    private static partial void LogStatements(ILogger logger, string area, string month, int budgets, int providers, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Year end {Year} done for {Area}")]
    private static partial void LogYearEnd(ILogger logger, string area, FinancialYear year);
}
