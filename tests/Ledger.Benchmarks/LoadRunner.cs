using System.Diagnostics;

namespace Ledger.Benchmarks;

/// <summary>What a closed-loop load run measured.</summary>
/// <param name="Completed">Operations that succeeded in the measured window.</param>
/// <param name="Failed">Operations that failed (refused or threw) in the measured window.</param>
/// <param name="Seconds">The measured window.</param>
/// <param name="P50Ms">Median latency of the measured operations.</param>
/// <param name="P99Ms">99th-percentile latency.</param>
/// <param name="CpuMsPerOp">This process's CPU time (all threads, warm-up included) per operation sent: the client side's cost, whatever else runs on the machine.</param>
/// <param name="Sent">Every operation sent, warm-up included.</param>
internal sealed record LoadResult(long Completed, long Failed, double Seconds, double P50Ms, double P99Ms, double CpuMsPerOp, long Sent)
{
    public double PerSecond => Completed / Seconds;

    public string Latency => $"p50 {BenchTable.Format(P50Ms)} ms, p99 {BenchTable.Format(P99Ms)} ms, {CpuMsPerOp:N2} ms CPU/op here";
}

/// <summary>
/// Runs <c>clients</c> closed loops (each sends its next request when the last one is answered) for a
/// warm-up, then counts what completes in the measured window.
/// </summary>
internal static class LoadRunner
{
    /// <param name="clients">Concurrent clients.</param>
    /// <param name="warmUp">Time before counting starts (connection pools, JIT, caches).</param>
    /// <param name="measure">The measured window.</param>
    /// <param name="operation">One request: client number and the client's request count; true when it succeeded.</param>
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan warmUp, TimeSpan measure, Func<int, long, Task<bool>> operation)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long sent = 0;
        var clock = Stopwatch.StartNew();
        var start = warmUp;
        var end = warmUp + measure;
        var latencies = new List<double>[clients];
        var completed = new long[clients];
        var failed = new long[clients];
        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (long n = 0; clock.Elapsed < end; n++)
            {
                var began = clock.Elapsed;
                Interlocked.Increment(ref sent);
                bool ok;
                try
                {
                    ok = await operation(c, n);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    ok = false;
                    if (failed[c] == 0)
                    {
                        Console.Error.WriteLine($"client {c}: {e.GetType().Name}: {e.GetBaseException().Message}");
                    }
                }

                var finished = clock.Elapsed;
                if (began >= start && finished <= end)
                {
                    mine.Add((finished - began).TotalMilliseconds);
                    if (ok)
                    {
                        completed[c]++;
                    }
                    else
                    {
                        failed[c]++;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(loops);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new LoadResult(completed.Sum(), failed.Sum(), measure.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), cpuMs / Math.Max(1, sent), sent);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
