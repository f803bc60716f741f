namespace Ledger.Benchmarks.Scenarios;

/// <summary>P4 (not written yet).</summary>
internal sealed class PilotReportScenario : IScenario
{
    public IReadOnlyList<string> Rows { get; } = ["P4"];

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct) => throw new NotSupportedException("P4 is not written yet.");
}
