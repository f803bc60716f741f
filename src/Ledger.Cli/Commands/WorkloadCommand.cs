using System.Diagnostics;
using Ledger.Application.Accounting;
using Ledger.Application.Simulation;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Cli.Commands;

internal static class WorkloadCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("postings", "seed", "batch", "area", "budgets");
        var target = args.GetInt("postings", 10_000, 1, 100_000_000);
        var options = new WorkloadOptions(target, args.GetInt("seed", 1, 0, int.MaxValue), args.GetInt("batch", 50, 1, 5_000),
            args.Get("area") ?? "WORKLOAD", args.GetInt("budgets", 200, 1, 100_000));
        if (!Domain.Code.IsValid(options.AreaCode))
        {
            throw new UsageException($"--area must be a code of letters, digits, '-', '_' or '.'; '{options.AreaCode}' was given");
        }

        var workload = new RandomWorkload(services.GetRequiredService<ILedgerSetup>(), services.GetRequiredService<IPostingService>(),
            services.GetRequiredService<IClock>());
        var watch = Stopwatch.StartNew();
        var lastReported = 0L;
        var progress = new Progress<long>(p =>
        {
            if (p - lastReported >= Math.Max(1, target / 10))
            {
                lastReported = p;
                output.WriteLine($"  {p:N0} / {target:N0} postings ({watch.Elapsed.TotalSeconds:N0} s)");
            }
        });
        var summary = await workload.RunAsync(options, progress, ct);
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        long stored;
        await using (db)
        {
            stored = await db.Postings.LongCountAsync(ct);
        }

        await output.WriteLineAsync($"workload: {summary.Requests:N0} requests, {summary.Succeeded:N0} succeeded, "
            + $"{summary.Postings:N0} postings written in {watch.Elapsed.TotalSeconds:N1} s; the ledger now holds {stored:N0} postings");
        foreach (var (code, count) in summary.Refused.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  refused {code}: {count:N0}");
        }

        return CliApp.Ok;
    }
}
