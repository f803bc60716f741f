namespace Ledger.Benchmarks.Scenarios;

/// <summary>P3 (not written yet).</summary>
internal sealed class StatementScenario : IScenario
{
    public IReadOnlyList<string> Rows { get; } = ["P3"];

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct) => throw new NotSupportedException("P3 is not written yet.");
}
