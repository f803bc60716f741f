using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Simulation;

/// <summary>Settings for <see cref="RandomWorkload"/>.</summary>
/// <param name="TargetPostings">Stop once at least this many postings have been written.</param>
/// <param name="Seed">The random seed: the same seed gives the same sequence of requests.</param>
/// <param name="BatchSize">Requests sent to the posting engine together.</param>
/// <param name="AreaCode">The area the workload's accounts belong to.</param>
/// <param name="Budgets">Individual budgets per stream.</param>
public sealed record WorkloadOptions(long TargetPostings, int Seed = 1, int BatchSize = 50, string AreaCode = "WORKLOAD", int Budgets = 200);

/// <summary>What a workload did.</summary>
/// <param name="Requests">Requests sent.</param>
/// <param name="Succeeded">Requests that succeeded (including replays).</param>
/// <param name="Refused">Requests refused, by reason.</param>
/// <param name="Postings">Postings written.</param>
public sealed record WorkloadSummary(long Requests, long Succeeded, IReadOnlyDictionary<LedgerErrorCode, long> Refused, long Postings);

/// <summary>
/// A seeded, randomised mix of everything the ledger does — contributions, allocations, holds over
/// one to three streams posted in full or in part, voided or expired, payments, reversals, replays,
/// a closed period, and bad requests — for proving the invariants under load.
/// </summary>
public sealed class RandomWorkload(ILedgerSetup setup, IPostingService engine, IClock clock)
{
    private static readonly string[] StreamCodes = ["CSC", "HEALTH", "GRANT"];

    /// <summary>Runs until <see cref="WorkloadOptions.TargetPostings"/> postings are written; <paramref name="progress"/> hears the count.</summary>
    public async Task<WorkloadSummary> RunAsync(WorkloadOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var year = FinancialYear.StartingIn(2026);
        var area = await setup.EnsureAreaAsync(options.AreaCode, "Workload area", cancellationToken).ConfigureAwait(false);
        var accounts = new List<StreamAccounts>();
        foreach (var code in StreamCodes)
        {
            var stream = await setup.EnsureStreamAsync(area.Id, code, $"{code} stream", year, cancellationToken).ConfigureAwait(false);
            var funds = await setup.EnsureAccountAsync(AccountKind.StreamFunds, area.Id, "FUNDS", stream.Id, cancellationToken).ConfigureAwait(false);
            var pool = await setup.EnsureAccountAsync(AccountKind.Pool, area.Id, "POOL-1", stream.Id, cancellationToken).ConfigureAwait(false);
            var budgets = new List<AccountId>();
            for (var b = 0; b < options.Budgets; b++)
            {
                budgets.Add((await setup.EnsureAccountAsync(AccountKind.IndividualBudget, area.Id, $"CHILD-{b:D4}", stream.Id, cancellationToken).ConfigureAwait(false)).Id);
            }

            var providers = new List<AccountId>();
            for (var p = 0; p < 10; p++)
            {
                providers.Add((await setup.EnsureAccountAsync(AccountKind.ProviderPayable, area.Id, $"PROV-{p:D2}", stream.Id, cancellationToken).ConfigureAwait(false)).Id);
            }

            accounts.Add(new StreamAccounts(funds.Id, pool.Id, budgets, providers));
        }

        var run = $"{options.AreaCode}-{options.Seed}-{Guid.NewGuid():N}";
        var open = new List<HoldId>();
        var expiring = new List<(HoldId Hold, Instant At)>();
        var entries = new List<JournalEntryId>();
        var sent = new List<LedgerCommand>();
        var refused = new Dictionary<LedgerErrorCode, long>();
        long requests = 0, succeeded = 0, postings = 0, n = 0;
        var closedApril = false;
        var first = year.Start;

        LocalDate Day() => first.PlusDays(random.Next(0, 200));
        Money Pounds(int min, int max) => Money.FromPence(random.Next(min, max) * 100L + random.Next(0, 100));
        string Key() => $"{run}-{n++}";

        while (postings < options.TargetPostings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new List<LedgerCommand>();
            for (var i = 0; i < options.BatchSize; i++)
            {
                var roll = random.Next(100);
                var s = accounts[random.Next(accounts.Count)];
                var budget = s.Budgets[random.Next(s.Budgets.Count)];
                var provider = s.Providers[random.Next(s.Providers.Count)];
                LedgerCommand command;
                if (roll < 10 || postings == 0)
                {
                    var amount = Pounds(5_000, 50_000);
                    command = new PostEntry(Key(), Day(), "Partner contribution", [JournalLine.Debit(s.Funds, amount), JournalLine.Credit(s.Pool, amount)]);
                }
                else if (roll < 30)
                {
                    var amount = Pounds(50, 2_000);
                    command = new PostEntry(Key(), Day(), "Allocation to individual budget", [JournalLine.Debit(s.Pool, amount), JournalLine.Credit(budget, amount)]);
                }
                else if (roll < 50)
                {
                    var legs = new List<HoldLegRequest>();
                    var child = random.Next(options.Budgets);
                    foreach (var stream in accounts.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                    {
                        legs.Add(new HoldLegRequest(stream.Budgets[child], stream.Providers[random.Next(stream.Providers.Count)], Pounds(5, 300)));
                    }

                    var expires = random.Next(10) == 0 ? clock.GetCurrentInstant() + Duration.FromMilliseconds(random.Next(1, 200)) : (Instant?)null;
                    command = new ReserveHold(Key(), Day(), "Purchase order", legs, expires);
                }
                else if (roll < 68 && open.Count > 0)
                {
                    var index = random.Next(open.Count);
                    var hold = open[index];
                    open.RemoveAt(index);
                    command = random.Next(3) == 0
                        ? new PostHold(Key(), hold, Day(), "Invoice (part)", Money.FromPence(random.Next(1, 500)))
                        : new PostHold(Key(), hold, Day(), "Invoice");
                }
                else if (roll < 72 && open.Count > 0)
                {
                    var index = random.Next(open.Count);
                    command = new VoidHold(Key(), open[index]);
                    open.RemoveAt(index);
                }
                else if (roll < 75 && expiring.Count > 0 && expiring[0].At <= clock.GetCurrentInstant())
                {
                    command = new ExpireHold(Key(), expiring[0].Hold);
                    open.Remove(expiring[0].Hold);
                    expiring.RemoveAt(0);
                }
                else if (roll < 85)
                {
                    var amount = Pounds(1, 200);
                    command = new PostEntry(Key(), Day(), "Payment to provider", [JournalLine.Debit(provider, amount), JournalLine.Credit(s.Funds, amount)]);
                }
                else if (roll < 89 && entries.Count > 0)
                {
                    command = new ReverseEntry(Key(), entries[random.Next(entries.Count)], Day(), "Correction");
                }
                else if (roll < 94 && sent.Count > 0)
                {
                    command = sent[random.Next(sent.Count)];
                }
                else
                {
                    // A bad request: it must be refused and change nothing.
                    command = random.Next(3) switch
                    {
                        0 => new PostEntry(Key(), Day(), "Unbalanced", [JournalLine.Debit(s.Funds, Pounds(1, 10)), JournalLine.Credit(accounts[(accounts.IndexOf(s) + 1) % accounts.Count].Pool, Pounds(11, 20))]),
                        1 => new PostEntry(Key(), Day(), "Zero", [JournalLine.Debit(s.Funds, Money.Zero), JournalLine.Credit(s.Pool, Money.Zero)]),
                        _ => new PostEntry(Key(), Day(), "Overspend", [JournalLine.Debit(budget, Pounds(1_000_000, 2_000_000)), JournalLine.Credit(provider, Pounds(1_000_000, 2_000_000))]),
                    };
                }

                batch.Add(command);
            }

            var outcomes = await engine.ExecuteAsync(batch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < outcomes.Count; i++)
            {
                var command = batch[i];
                var outcome = outcomes[i];
                requests++;
                if (!outcome.Succeeded)
                {
                    refused[outcome.Error!.Code] = refused.GetValueOrDefault(outcome.Error.Code) + 1;
                    continue;
                }

                succeeded++;
                if (outcome.Replayed)
                {
                    continue;
                }

                sent.Add(command);
                if (outcome.Entry is { } entry)
                {
                    entries.Add(entry);
                    postings += outcome.PostingsWritten;
                }

                if (command is ReserveHold reserve && outcome.Hold is { } hold)
                {
                    open.Add(hold);
                    if (reserve.ExpiresAt is { } at)
                    {
                        expiring.Add((hold, at));
                    }
                }
            }

            if (!closedApril && postings > options.TargetPostings / 2)
            {
                await setup.ClosePeriodAsync(area.Id, new YearMonth(2026, 4), cancellationToken).ConfigureAwait(false);
                closedApril = true;
            }

            progress?.Report(postings);
        }

        return new WorkloadSummary(requests, succeeded, refused, postings);
    }

    private sealed record StreamAccounts(AccountId Funds, AccountId Pool, List<AccountId> Budgets, List<AccountId> Providers);
}
