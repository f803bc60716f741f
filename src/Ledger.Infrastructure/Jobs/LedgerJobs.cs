using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Application.Statements;
using Ledger.Domain.Calendar;
using Ledger.Reports.PilotReport;
using Ledger.Reports.Statements;
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

    /// <summary>The folder quarterly pilot reports are written to (by area). Default: data/reports under the checkout.</summary>
    public string ReportsFolder { get; set; } = Path.Combine(Persistence.LedgerDatabase.DataRoot(), "data", "reports");
}

/// <summary>
/// The background jobs Hangfire runs. Each takes codes and ISO dates only (what Hangfire stores and
/// shows), computes "today" in Europe/London when no date is given, and is safe to run twice: every
/// service it calls is keyed or checks what is already done. A refusal throws, so Hangfire records the
/// job as failed with the refusal's code and message and retries it.
/// </summary>
public sealed partial class LedgerJobs(PaymentRunService payments, IHoldExpiry expiry, PurchasingService purchasing, YearEndService yearEnd,
    IStatementQueries statements, IProviderStatementQueries providerStatements, IFundsStatementQueries fundsStatements, IPilotReportQueries pilotReports,
    JobOptions options, IClock clock, ILogger<LedgerJobs> logger)
{
    /// <summary>Runs (or finishes) the area's payment run for <paramref name="runOn"/> (ISO date; today in London when null).</summary>
    public async Task PaymentRunAsync(string areaCode, string? runOn)
    {
        using var audit = Application.Audit.AuditContext.Begin(Application.Audit.AuditActor.Job("PaymentRun"));
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
        using var audit = Application.Audit.AuditContext.Begin(Application.Audit.AuditActor.Job("ExpireHolds"));
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
        using var audit = Application.Audit.AuditContext.Begin(Application.Audit.AuditActor.Job("YearEnd"));
        var year = startYear is { } y ? FinancialYear.StartingIn(y) : FinancialYear.Containing(Today()).Previous;
        var result = await yearEnd.RunAsync(areaCode, year).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Year end {year} for {areaCode}: {result.Error!.Code}: {result.Error.Message}");
        }

        LogYearEnd(logger, areaCode, year);
    }

    /// <summary>
    /// Writes the area's monthly statements (every budget, provider, pool and funding partner) for <paramref name="month"/>
    /// (yyyy-MM; the month just ended when null) into the statements folder. Running it again writes the
    /// same bytes; a month not yet ended is refused.
    /// </summary>
    public async Task MonthlyStatementsAsync(string areaCode, string? month)
    {
        using var audit = Application.Audit.AuditContext.Begin(Application.Audit.AuditActor.Job("MonthlyStatements"));
        var period = month is null ? Today().PlusMonths(-1).ToYearMonth()
            : YearMonthPattern.Iso.Parse(month) is { Success: true } parsed ? parsed.Value : throw new ArgumentException($"'{month}' is not a month yyyy-MM.", nameof(month));
        if (period.OnDayOfMonth(1).PlusMonths(1) > Today())
        {
            throw new InvalidOperationException($"{period} has not ended yet: statements are produced after the month ends.");
        }

        var monthText = period.ToString("uuuu-MM", null);
        var folder = Path.Combine(options.StatementsFolder, areaCode, monthText);
        var written = await StatementRun.WriteMonthAsync(new StatementSources(statements, providerStatements, fundsStatements), areaCode, period, folder).ConfigureAwait(false);
        LogStatements(logger, areaCode, monthText, written.Count, folder);
    }

    /// <summary>
    /// Writes the area's pilot report for <paramref name="quarter"/> (YYYY-Qn; the quarter just ended when
    /// null), comparing every area, into the reports folder. Running it again writes the same bytes; a
    /// quarter not yet ended is refused.
    /// </summary>
    public async Task PilotReportAsync(string areaCode, string? quarter)
    {
        using var audit = Application.Audit.AuditContext.Begin(Application.Audit.AuditActor.Job("PilotReport"));
        var period = quarter is null ? PilotQuarter.Containing(Today()).Before()
            : PilotQuarter.Parse(quarter) ?? throw new ArgumentException($"'{quarter}' is not a quarter YYYY-Qn.", nameof(quarter));
        if (period.To >= Today())
        {
            throw new InvalidOperationException($"{period.Label} has not ended yet: pilot reports are produced after the quarter ends.");
        }

        var report = await pilotReports.PilotReportAsync(areaCode, period.Year, period.Number, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no area '{areaCode}'.");
        var areas = await pilotReports.CompareAreasAsync(period.Year, period.Number, CancellationToken.None).ConfigureAwait(false);
        var file = Path.Combine(options.ReportsFolder, areaCode, PilotReportFile(areaCode, period));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        PilotReportDocument.Build(report, areas).WritePdf(file);
        LogPilotReport(logger, areaCode, period.Label, report.HasData, file);
    }

    /// <summary>The file name of an area's pilot report for a quarter, e.g. "pilot-WESTMOOR-2026-Q3.pdf".</summary>
    public static string PilotReportFile(string areaCode, PilotQuarter quarter)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        return $"pilot-{areaCode}-{quarter.Label}.pdf";
    }

    /// <summary>Today in Europe/London.</summary>
    public LocalDate Today() => London.Today(clock);

    private LocalDate Day(string? iso) =>
        iso is null ? Today() : LocalDatePattern.Iso.Parse(iso) is { Success: true } parsed ? parsed.Value : throw new ArgumentException($"'{iso}' is not a date yyyy-MM-dd.", nameof(iso));

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment run {Reference}: {Providers} provider(s), {Total} (already completed: {Already})")]
    private static partial void LogPaymentRun(ILogger logger, string reference, int providers, Domain.Money total, bool already);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold expiry: {Expired} hold(s) expired, {Reconciled} order(s) brought into line")]
    private static partial void LogExpired(ILogger logger, int expired, int reconciled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statements for {Area} {Month}: {Count} statement(s) in {Folder}")]
    private static partial void LogStatements(ILogger logger, string area, string month, int count, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pilot report for {Area} {Quarter} (data: {HasData}) written to {File}")]
    private static partial void LogPilotReport(ILogger logger, string area, string quarter, bool hasData, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Year end {Year} done for {Area}")]
    private static partial void LogYearEnd(ILogger logger, string area, FinancialYear year);
}
