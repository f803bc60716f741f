using Ledger.Application.Statements;
using NodaTime;

namespace Ledger.Reports.Statements;

/// <summary>A statement written.</summary>
/// <param name="Budget">The budget's code.</param>
/// <param name="Path">The file.</param>
/// <param name="Bytes">Its size.</param>
public sealed record WrittenStatement(string Budget, string Path, long Bytes);

/// <summary>
/// Writes the month's budget statements of an area as PDF files, one per budget, reporting progress.
/// Each file is written to a temporary name and moved into place, so a stopped run leaves only whole
/// files, and running it again writes the same bytes.
/// </summary>
public static class StatementRun
{
    /// <summary>The file name of a budget's (or provider's) statement for the month ending <paramref name="lastDay"/>.</summary>
    public static string FileName(string area, string owner, LocalDate lastDay) => $"{area}-{owner}-{lastDay:uuuu-MM}.pdf";

    /// <summary>Writes every provider's remittance and outcome statement of the area for the month into <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<WrittenStatement>> WriteProviderStatementsAsync(IProviderStatementQueries queries, string areaCode, YearMonth month,
        string folder, IProgress<(int Done, int Total, string Budget)>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var (first, last) = (month.OnDayOfMonth(1), month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)));
        Directory.CreateDirectory(folder);
        var codes = await queries.ProviderCodesAsync(areaCode, ct).ConfigureAwait(false);
        var written = new List<WrittenStatement>();
        foreach (var code in codes)
        {
            if (await queries.ProviderStatementAsync(areaCode, code, first, last, ct).ConfigureAwait(false) is not { } statement)
            {
                continue;
            }

            var path = Path.Combine(folder, FileName(areaCode, code, last));
            ProviderStatementDocument.Build(statement).WritePdf(path);
            written.Add(new WrittenStatement(code, path, new FileInfo(path).Length));
            progress?.Report((written.Count, codes.Count, code));
        }

        return written;
    }

    /// <summary>Writes every budget statement of the area for the month <paramref name="month"/> into <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyList<WrittenStatement>> WriteBudgetStatementsAsync(IStatementQueries queries, string areaCode, YearMonth month, string folder,
        IProgress<(int Done, int Total, string Budget)>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var (first, last) = (month.OnDayOfMonth(1), month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)));
        Directory.CreateDirectory(folder);
        var codes = await queries.BudgetCodesAsync(areaCode, first, last, ct).ConfigureAwait(false);
        var written = new List<WrittenStatement>();
        foreach (var code in codes)
        {
            var statement = await queries.BudgetStatementAsync(areaCode, code, first, last, ct).ConfigureAwait(false);
            if (statement is null)
            {
                continue;
            }

            var path = Path.Combine(folder, FileName(areaCode, code, last));
            BudgetStatementDocument.Build(statement).WritePdf(path);
            written.Add(new WrittenStatement(code, path, new FileInfo(path).Length));
            progress?.Report((written.Count, codes.Count, code));
        }

        return written;
    }
}
