using System.Diagnostics;

namespace Ledger.Benchmarks;

/// <summary>One end-to-end scenario: measures its rows (baseline and Ledger in the same run) and returns them.</summary>
internal interface IScenario
{
    /// <summary>The row ids this scenario produces, e.g. "P1", "P1-HOT".</summary>
    IReadOnlyList<string> Rows { get; }

    Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct);
}

/// <summary>What the command line asked for, and where progress goes.</summary>
/// <param name="Quick">Small sizes: proves every scenario runs (CI smoke), figures not for the README.</param>
/// <param name="Folder">Where SQLite files, generated data and PDFs go.</param>
/// <param name="Selected">The row ids to run.</param>
/// <param name="Output">Progress lines.</param>
internal sealed record BenchRun(bool Quick, string Folder, IReadOnlySet<string> Selected, TextWriter Output)
{
    public const string Usage = """
        dotnet run -c Release --project tests/Ledger.Benchmarks -- bench [ROW ...] [--quick] [--markdown FILE] [--folder DIR]
        dotnet run -c Release --project tests/Ledger.Benchmarks -- micro [BenchmarkDotNet options, e.g. --filter '*']
        dotnet run -c Release --project tests/Ledger.Benchmarks -- load [--minutes M] [--database NAME]   (the mixed load test on the web host, 10 min by default)

        Rows: P1 P1-HOT (posting, PostgreSQL), P2 (posting, SQLite), P3 (statements), P4 (pilot report), P5 (API).
        With no row every row runs. PostgreSQL is found through LEDGER_BENCH_POSTGRES, else LEDGER_TEST_POSTGRES,
        else Host=localhost;Username=ledger;Password=ledger. --quick runs small sizes (a smoke test).
        For experiments: LEDGER_BENCH_GROUP_COMMIT=0 turns group commit off, LEDGER_BENCH_INFLIGHT=N sets the
        transactions in flight, LEDGER_BENCH_P5_CLIENTS=N changes P5's clients.
        """;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Figures one row measured that another compares against (P5 against P1's Ledger throughput).</summary>
    public Dictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    public bool Wants(string row) => Selected.Contains(row);

    public void Say(string line) => Output.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {line}");

    /// <summary>Starts the peak-memory count again (Linux: writing 5 to clear_refs resets VmHWM), so a row reports its own peak.</summary>
    public static void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then counts from the start of the process.
        }
    }

    /// <summary>The peak working set of this process so far, in MB (Linux: VmHWM).</summary>
    public static double PeakMemoryMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
            {
                return kb / 1024.0;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
