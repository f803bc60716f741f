using System.Diagnostics;
using Ledger.Application.Simulation;
using Ledger.Infrastructure.Persistence;
using Ledger.Infrastructure.Simulation;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>ledger generate</c>: builds the benchmarks' large data set (issue 8) deterministically from a seed — children,
/// individual budgets with their allocations, orders, holds and invoices, at least the asked-for postings — and writes it
/// in bulk, showing progress. Without options it builds the sizes.
/// </summary>
internal static class GenerateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("children", "budgets", "postings", "seed", "area");
        var options = new LargeDataSetOptions(args.GetInt("children", 100_000, 1, 10_000_000), args.GetInt("budgets", 10_000, 1, 1_000_000),
            args.GetInt("postings", 1_000_000, 1, 100_000_000), args.GetInt("seed", 1, 0, int.MaxValue), args.Get("area") ?? "BENCH");
        if (options.Problem() is { } problem)
        {
            throw new UsageException(problem);
        }

        var writer = new LargeDataSetWriter(services.GetRequiredService<DatabaseOptions>(), services.GetRequiredService<IClock>());
        if (await writer.ExistsAsync(options, ct))
        {
            await output.WriteLineAsync($"{options.Marker}: already in this database; nothing written");
            return CliApp.Ok;
        }

        var watch = Stopwatch.StartNew();
        var progress = new SynchronousProgress(line => output.WriteLine($"  [{watch.Elapsed.TotalSeconds,5:N0} s] {line}"));
        await output.WriteLineAsync($"{options.Marker}: building in memory");
        var data = LargeDataSet.Build(options, progress);
        var built = watch.Elapsed;
        await output.WriteLineAsync($"built in {built.TotalSeconds:N1} s: {data.Summary}");
        await writer.WriteAsync(data, "cli:" + Environment.UserName, progress, ct);
        await output.WriteLineAsync($"written in {(watch.Elapsed - built).TotalSeconds:N1} s; {watch.Elapsed.TotalSeconds:N1} s in all. Run `ledger verify` to check it.");
        return CliApp.Ok;
    }

    // Progress<T> posts to the thread pool, so lines could arrive late or out of order; these are written at once.
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
