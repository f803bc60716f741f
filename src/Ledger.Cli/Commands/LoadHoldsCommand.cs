using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Cli.Commands;

/// <summary>
/// Reserves many holds at once from several concurrent writers in this process. Run it from two
/// processes against one budget to see that the budget is never overspent (R26).
/// </summary>
internal static class LoadHoldsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("from", "to", "count", "amount", "concurrency", "key-prefix", "date");
        var from = ParseAccount(args.Require("from"), "from");
        var to = ParseAccount(args.Require("to"), "to");
        var count = args.GetInt("count", 1, 1, 1_000_000);
        var concurrency = args.GetInt("concurrency", 8, 1, 256);
        if (!Money.TryParse(args.Require("amount"), out var amount) || !amount.IsPositive)
        {
            throw new UsageException($"--amount must be a positive amount such as 50.00; '{args.Get("amount")}' was given");
        }

        var prefix = args.Get("key-prefix") ?? $"load-{Guid.NewGuid():N}";
        var date = args.Get("date") is { } d
            ? LocalDatePattern.Iso.Parse(d).GetValueOrThrow()
            : Domain.Calendar.London.Today(services.GetRequiredService<IClock>());

        var engine = services.GetRequiredService<IPostingService>();
        var next = -1;
        var succeeded = 0;
        var refused = new Dictionary<LedgerErrorCode, int>();
        var gate = new Lock();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var outcome = await engine.ExecuteAsync(
                    new ReserveHold($"{prefix}-{i}", date, "Load test hold", [new HoldLegRequest(from, to, amount)], null), ct);
                lock (gate)
                {
                    if (outcome.Succeeded)
                    {
                        succeeded++;
                    }
                    else
                    {
                        refused[outcome.Error!.Code] = refused.GetValueOrDefault(outcome.Error.Code) + 1;
                    }
                }
            }
        });
        await Task.WhenAll(workers);
        await output.WriteLineAsync($"succeeded={succeeded} refused={refused.Values.Sum()}"
            + string.Concat(refused.Select(r => $" {r.Key}={r.Value}")));
        return CliApp.Ok;
    }

    private static AccountId ParseAccount(string text, string option) =>
        Guid.TryParse(text, out var g) ? new AccountId(g) : throw new UsageException($"--{option} must be an account id (a GUID)");
}
