using System.Diagnostics;
using Ledger.Application.Simulation;
using Ledger.Infrastructure.Simulation;
using NodaTime;

namespace Ledger.Benchmarks.Data;

/// <summary>
/// The large data set P3 and P4 run on: a PostgreSQL database built by <c>ledger generate</c>'s code (seed 1), named by its
/// sizes so repeated bench runs reuse it (the generator's audit entry marks a complete data set). Full sizes are the issue's
/// (100,000 children, 10,000 individual budgets, at least 1,000,000 postings); --quick uses a small set.
/// </summary>
internal static class LargeData
{
    public static LargeDataSetOptions Options(BenchRun run) =>
        run.Quick ? new LargeDataSetOptions(Children: 3_000, Budgets: 300, Postings: 30_000, Seed: 1) : new LargeDataSetOptions(Seed: 1);

    /// <summary>The database's name for the sizes.</summary>
    public static string Name(BenchRun run) => run.Quick ? "ledger_bench_quick_s1" : "ledger_bench_large_s1";

    /// <summary>Opens the data set's database, generating it first when it is missing or incomplete; says how long that took.</summary>
    public static async Task<(BenchDatabase Database, string Origin)> OpenAsync(BenchRun run, CancellationToken ct)
    {
        var options = Options(run);
        var db = await BenchDatabase.PostgresAsync(Name(run), reuse: true, ct);
        db.Keep = true;
        if (await Writer(db).ExistsAsync(options, ct))
        {
            run.Say($"{db.Name}: reusing the generated data set ({options.Marker})");
            return (db, "reused data set");
        }

        // Missing or half written: start again on an empty database (the pool's connections to the old one go first).
        Npgsql.NpgsqlConnection.ClearAllPools();
        db = await BenchDatabase.PostgresAsync(Name(run), reuse: false, ct);
        db.Keep = true;
        run.Say($"{db.Name}: generating {options.Marker}");
        var watch = Stopwatch.StartNew();
        var progress = new Say(run);
        var data = LargeDataSet.Build(options, progress);
        run.Say($"built in {watch.Elapsed.TotalSeconds:N0} s: {data.Summary}");
        await Writer(db).WriteAsync(data, "bench", progress, ct);
        run.Say($"generated and written in {watch.Elapsed.TotalSeconds:N0} s");
        return (db, $"generated in {watch.Elapsed.TotalSeconds:N0} s");
    }

    private static LargeDataSetWriter Writer(BenchDatabase db) => new(db.Options, SystemClock.Instance);

    private sealed class Say(BenchRun run) : IProgress<string>
    {
        public void Report(string value) => run.Say("  " + value);
    }
}
