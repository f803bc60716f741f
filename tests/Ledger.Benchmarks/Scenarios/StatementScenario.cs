using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Simulation;
using Ledger.Application.Statements;
using Ledger.Benchmarks.Baselines;
using Ledger.Benchmarks.Data;
using Ledger.Reports.Statements;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// P3: a month's individual-budget statements (10,000 on the full data set: at least 1,000,000 postings) through the
/// statements job's own path — <see cref="IStatementQueries"/> for each budget, then <see cref="BudgetStatementDocument"/>
/// written as a PDF, one statement after another as <see cref="StatementRun"/> does — against the same statements printed
/// from HTML by headless Chromium, timed on a sample in the same run. Reports statements per second, bytes per
/// statement and the peak memory of the run, then runs verify.
/// </summary>
internal sealed class StatementScenario : IScenario
{
    public IReadOnlyList<string> Rows { get; } = ["P3"];

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct)
    {
        var (db, origin) = await LargeData.OpenAsync(run, ct);
        await using var _ = db;
        await using var services = db.Services();
        var queries = services.GetRequiredService<IStatementQueries>();
        var options = LargeData.Options(run);
        var area = options.AreaCode;
        var month = LargeDataSetOptions.StatementMonth;
        var (first, last) = (month.OnDayOfMonth(1), month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)));
        var folder = Path.Combine(run.Folder, "p3-statements");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var codes = (await queries.BudgetCodesAsync(area, first, last, ct)).Where(c => c.StartsWith("IB-", StringComparison.Ordinal)).ToList();

        // Ledger: every individual budget's statement, read and written one at a time (StatementRun's loop).
        run.Say($"P3: {codes.Count:N0} individual-budget statements for {month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        GC.Collect();
        BenchRun.ResetPeakMemory();
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        var written = 0;
        foreach (var code in codes)
        {
            var statement = await queries.BudgetStatementAsync(area, code, first, last, ct) ?? throw new InvalidOperationException($"{code} did not read back.");
            var path = Path.Combine(folder, StatementRun.FileName(area, code, last));
            BudgetStatementDocument.Build(statement).WritePdf(path);
            bytes += new FileInfo(path).Length;
            if (++written % Math.Max(1, codes.Count / 10) == 0)
            {
                run.Say($"  {written:N0} / {codes.Count:N0} statements ({watch.Elapsed.TotalSeconds:N0} s)");
            }
        }

        watch.Stop();
        var peak = BenchRun.PeakMemoryMb();
        var rate = written / watch.Elapsed.TotalSeconds;

        // Baseline: the same statements (same query, same figures) as HTML printed by Chromium, a sample run one after another.
        var sample = codes.Where((_, i) => i % Math.Max(1, codes.Count / (run.Quick ? 3 : 20)) == 0).Take(run.Quick ? 3 : 20).ToList();
        var html = Path.Combine(run.Folder, "p3-chromium");
        Directory.CreateDirectory(html);
        run.Say($"P3 baseline: {sample.Count} of the same statements printed from HTML by {BudgetStatementHtml.Chromium}");
        long chromiumBytes = 0;
        var baseline = Stopwatch.StartNew();
        foreach (var code in sample)
        {
            var statement = (await queries.BudgetStatementAsync(area, code, first, last, ct))!;
            var file = Path.Combine(html, code + ".html");
            await File.WriteAllTextAsync(file, BudgetStatementHtml.Render(statement), ct);
            chromiumBytes += await BudgetStatementHtml.PrintAsync(file, Path.ChangeExtension(file, ".pdf"), ct);
        }

        baseline.Stop();
        var baselineRate = sample.Count / baseline.Elapsed.TotalSeconds;
        var (_, verified) = await db.VerifyAsync(ct);
        run.Say($"P3: {rate:N1} statements/s against Chromium's {baselineRate:N2}; {verified}");

        var postings = await CountPostingsAsync(db, ct);
        return
        [
            new BenchRow("P3", $"{written:N0} budget statements, {month.ToString("MMM yyyy", CultureInfo.InvariantCulture)}, {postings:N0} postings (PostgreSQL)",
                "HTML + headless Chromium --print-to-pdf", baselineRate, rate, "statements/s", 10, Better.Higher,
                string.Create(CultureInfo.InvariantCulture,
                    $"{bytes / Math.Max(1, written):N0} bytes/statement (Chromium {chromiumBytes / Math.Max(1, sample.Count):N0}); peak {peak:N0} MB (target < 500); "
                    + $"{watch.Elapsed.TotalSeconds:N1} s in all, one at a time; baseline a sample of {sample.Count} run sequentially, one Chromium process each; {origin}; {verified}")),
        ];
    }

    private static async Task<long> CountPostingsAsync(BenchDatabase db, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM \"Postings\"", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
