using Ledger.Infrastructure.Accounting;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Cli.Commands;

/// <summary><c>seal</c>: what the <c>seal-journal</c> job does, now: seal committed entries into each area's hash chain.</summary>
internal static class SealCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var results = await services.GetRequiredService<JournalSealer>().SealAsync(ct);
        foreach (var r in results)
        {
            await output.WriteLineAsync($"{r.AreaCode}: sealed {r.Sealed:N0} entr{(r.Sealed == 1 ? "y" : "ies")}; head #{r.HeadSequence} {r.HeadHash}"
                + (r.Contended ? " (another sealer was running; the next run carries on)" : string.Empty));
        }

        var grace = services.GetRequiredService<SealOptions>().GracePeriod;
        await output.WriteLineAsync($"seal: entries recorded in the last {grace.TotalMinutes:0.##} minute(s) wait for the next run; keep the heads above outside the database to anchor the chains");
        return CliApp.Ok;
    }
}
