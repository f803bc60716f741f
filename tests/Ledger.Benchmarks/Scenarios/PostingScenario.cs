namespace Ledger.Benchmarks.Scenarios;

/// <summary>P1, P1-HOT and P2 (not written yet).</summary>
internal sealed class PostingScenario : IScenario
{
    public IReadOnlyList<string> Rows { get; } = ["P1", "P1-HOT", "P2"];

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct) => throw new NotSupportedException("P1 is not written yet.");
}
