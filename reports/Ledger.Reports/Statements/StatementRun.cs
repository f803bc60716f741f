using Ledger.Application.Statements;
using Ledger.Reports.Pdf;
using NodaTime;

namespace Ledger.Reports.Statements;

/// <summary>A statement written.</summary>
/// <param name="Budget">The code of what it is about: a budget, provider, pool or funding partner.</param>
/// <param name="Path">The file.</param>
/// <param name="Bytes">Its size.</param>
public sealed record WrittenStatement(string Budget, string Path, long Bytes);

/// <summary>Which statements a monthly run writes.</summary>
[Flags]
public enum StatementKinds
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Individual and lead-professional budget statements.</summary>
    Budgets = 1,

    /// <summary>Provider remittance and outcome statements.</summary>
    Providers = 2,

    /// <summary>Pool statements.</summary>
    Pools = 4,

    /// <summary>Funding partner statements.</summary>
    Partners = 8,

    /// <summary>All of them.</summary>
    All = Budgets | Providers | Pools | Partners,
}

/// <summary>Where a monthly run reads its statements from.</summary>
/// <param name="Budgets">Budget statements.</param>
/// <param name="Providers">Provider statements.</param>
/// <param name="Funds">Pool and funding partner statements.</param>
public sealed record StatementSources(IStatementQueries Budgets, IProviderStatementQueries Providers, IFundsStatementQueries Funds);

/// <summary>Progress of a statement run: the kind being written, how many of that kind are done, and the last one's code.</summary>
/// <param name="Kind">"budget", "provider", "pool" or "partner".</param>
/// <param name="Done">How many of this kind are written.</param>
/// <param name="Total">How many of this kind there are.</param>
/// <param name="Code">The code of the one just written.</param>
public sealed record StatementProgress(string Kind, int Done, int Total, string Code);

/// <summary>
/// Writes a month's statements of an area as PDF files, one per budget, provider, pool and funding
/// partner, reporting progress. Each file is written to a temporary name and moved into place, so a
/// stopped run leaves only whole files, and running it again writes the same bytes.
/// </summary>
public static class StatementRun
{
    /// <summary>The file name of a budget's (or provider's) statement for the month ending <paramref name="lastDay"/>.</summary>
    public static string FileName(string area, string owner, LocalDate lastDay) => $"{area}-{owner}-{lastDay:uuuu-MM}.pdf";

    /// <summary>Writes the month's statements of the kinds asked for into <paramref name="folder"/>: budgets, then providers, pools and partners.</summary>
    public static async Task<IReadOnlyList<WrittenStatement>> WriteMonthAsync(StatementSources sources, string areaCode, YearMonth month, string folder,
        StatementKinds kinds = StatementKinds.All, IProgress<StatementProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        AtomicFile.RemoveLeftovers(folder);
        var written = new List<WrittenStatement>();
        if (kinds.HasFlag(StatementKinds.Budgets))
        {
            written.AddRange(await WriteBudgetStatementsAsync(sources.Budgets, areaCode, month, folder, Kind(progress, "budget"), ct).ConfigureAwait(false));
        }

        if (kinds.HasFlag(StatementKinds.Providers))
        {
            written.AddRange(await WriteProviderStatementsAsync(sources.Providers, areaCode, month, folder, Kind(progress, "provider"), ct).ConfigureAwait(false));
        }

        var (first, last) = Days(month);
        if (kinds.HasFlag(StatementKinds.Pools))
        {
            var codes = await sources.Funds.PoolCodesAsync(areaCode, last, ct).ConfigureAwait(false);
            written.AddRange(await WriteEachAsync(codes, code => sources.Funds.PoolStatementAsync(areaCode, code, first, last, ct), PoolStatementDocument.Build,
                code => FileName(areaCode, "pool-" + code, last), folder, Kind(progress, "pool"), ct).ConfigureAwait(false));
        }

        if (kinds.HasFlag(StatementKinds.Partners))
        {
            var codes = await sources.Funds.AgencyCodesAsync(areaCode, ct).ConfigureAwait(false);
            written.AddRange(await WriteEachAsync(codes, code => sources.Funds.PartnerStatementAsync(areaCode, code, first, last, ct), PartnerStatementDocument.Build,
                code => FileName(areaCode, "partner-" + code, last), folder, Kind(progress, "partner"), ct).ConfigureAwait(false));
        }

        return written;
    }

    /// <summary>Writes every provider's remittance and outcome statement of the area for the month into <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<WrittenStatement>> WriteProviderStatementsAsync(IProviderStatementQueries queries, string areaCode, YearMonth month,
        string folder, IProgress<(int Done, int Total, string Budget)>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var (first, last) = Days(month);
        var codes = await queries.ProviderCodesAsync(areaCode, ct).ConfigureAwait(false);
        return await WriteEachAsync(codes, code => queries.ProviderStatementAsync(areaCode, code, first, last, ct), ProviderStatementDocument.Build,
            code => FileName(areaCode, code, last), folder, progress, ct).ConfigureAwait(false);
    }

    /// <summary>Writes every budget statement of the area for the month <paramref name="month"/> into <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<WrittenStatement>> WriteBudgetStatementsAsync(IStatementQueries queries, string areaCode, YearMonth month, string folder,
        IProgress<(int Done, int Total, string Budget)>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var (first, last) = Days(month);
        var codes = await queries.BudgetCodesAsync(areaCode, first, last, ct).ConfigureAwait(false);
        return await WriteEachAsync(codes, code => queries.BudgetStatementAsync(areaCode, code, first, last, ct), BudgetStatementDocument.Build,
            code => FileName(areaCode, code, last), folder, progress, ct).ConfigureAwait(false);
    }

    private static (LocalDate First, LocalDate Last) Days(YearMonth month) => (month.OnDayOfMonth(1), month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)));

    private static Relay? Kind(IProgress<StatementProgress>? progress, string kind) =>
        progress is null ? null : new Relay(p => progress.Report(new StatementProgress(kind, p.Done, p.Total, p.Budget)));

    // Reads and writes one statement at a time, so a whole area's month never sits in memory; a code that no longer reads back is skipped.
    private static async Task<IReadOnlyList<WrittenStatement>> WriteEachAsync<T>(IReadOnlyList<string> codes, Func<string, Task<T?>> read, Func<T, Document> build,
        Func<string, string> fileName, string folder, IProgress<(int Done, int Total, string Budget)>? progress, CancellationToken ct)
        where T : class
    {
        Directory.CreateDirectory(folder);
        var written = new List<WrittenStatement>();
        foreach (var code in codes)
        {
            ct.ThrowIfCancellationRequested();
            if (await read(code).ConfigureAwait(false) is not { } statement)
            {
                continue;
            }

            var path = Path.Combine(folder, fileName(code));
            build(statement).WritePdf(path);
            written.Add(new WrittenStatement(code, path, new FileInfo(path).Length));
            progress?.Report((written.Count, codes.Count, code));
        }

        return written;
    }

    // Reports at once, on the writer's thread, so progress lines come out in order.
    private sealed class Relay(Action<(int Done, int Total, string Budget)> report) : IProgress<(int Done, int Total, string Budget)>
    {
        public void Report((int Done, int Total, string Budget) value) => report(value);
    }
}
