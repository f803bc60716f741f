using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Cli.Commands;

/// <summary>
/// Reserves many holds at once from several concurrent writers in this process. Run it from two
/// processes against one budget to see that the budget is never overspent (R26). With <c>--replay P</c>,
/// P% of the requests are sent again with the same idempotency key, half while the first is in flight and
/// half once every first request has answered, as a retrying client would (R25). With <c>--ack</c> each
/// answer is printed as it comes (<c>ack KEY HOLD-OR-CODE</c>), so a test that kills the process knows what
/// was acknowledged; running the same command again with the same <c>--key-prefix</c> resends every request.
/// </summary>
internal static class LoadHoldsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("from", "to", "count", "amount", "concurrency", "key-prefix", "date", "replay", "ack");
        var from = ParseAccount(args.Require("from"), "from");
        var to = ParseAccount(args.Require("to"), "to");
        var count = args.GetInt("count", 1, 1, 1_000_000);
        var concurrency = args.GetInt("concurrency", 8, 1, 256);
        var replay = args.GetInt("replay", 0, 0, 100);
        var ack = args.Has("ack");
        if (!Money.TryParse(args.Require("amount"), out var amount) || !amount.IsPositive)
        {
            throw new UsageException($"--amount must be a positive amount such as 50.00; '{args.Get("amount")}' was given");
        }

        var prefix = args.Get("key-prefix") ?? $"load-{Guid.NewGuid():N}";
        var date = args.Get("date") is { } d
            ? LocalDatePattern.Iso.Parse(d).GetValueOrThrow()
            : Domain.Calendar.London.Today(services.GetRequiredService<IClock>());

        var engine = services.GetRequiredService<IPostingService>();
        // Which requests are replayed, and how: a fixed pattern (every request whose number falls in the first P of
        // each hundred), so a rerun replays the same ones. Even numbers are resent at once, odd ones at the end.
        bool Replayed(int i) => (int)((uint)(i * 37) % 100) < replay;
        var requests = Enumerable.Range(0, count).SelectMany(i => Replayed(i) && i % 2 == 0 ? new[] { i, i } : [i])
            .Concat(Enumerable.Range(0, count).Where(i => Replayed(i) && i % 2 == 1)).ToArray();
        var next = -1;
        var succeeded = 0;
        var replays = 0;
        var refused = new Dictionary<LedgerErrorCode, int>();
        var gate = new Lock();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < requests.Length)
            {
                var key = $"{prefix}-{requests[n]}";
                var outcome = await engine.ExecuteAsync(new ReserveHold(key, date, "Load test hold", [new HoldLegRequest(from, to, amount)], null), ct);
                lock (gate)
                {
                    replays += outcome.Replayed ? 1 : 0;
                    if (outcome.Succeeded)
                    {
                        succeeded += outcome.Replayed ? 0 : 1;
                    }
                    else
                    {
                        refused[outcome.Error!.Code] = refused.GetValueOrDefault(outcome.Error.Code) + 1;
                    }

                    if (ack)
                    {
                        // One line per answer, written whole under the lock: a reader never sees half a line.
                        output.WriteLine($"ack {key} {(outcome.Succeeded ? outcome.Hold!.Value.ToString() : outcome.Error!.Code.ToString())}");
                        output.Flush();
                    }
                }
            }
        });
        await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync($"succeeded={succeeded} refused={refused.Values.Sum()}"
            + string.Concat(refused.Select(r => $" {r.Key}={r.Value}"))
            + $" requests={requests.Length} replayed={replays} seconds={seconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}");
        return CliApp.Ok;
    }

    private static AccountId ParseAccount(string text, string option) =>
        Guid.TryParse(text, out var g) ? new AccountId(g) : throw new UsageException($"--{option} must be an account id (a GUID)");
}
