namespace Ledger.Benchmarks.Scenarios;

/// <summary>P5 (not written yet).</summary>
internal sealed class ApiScenario : IScenario
{
    public IReadOnlyList<string> Rows { get; } = ["P5"];

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct) => throw new NotSupportedException("P5 is not written yet.");
}
