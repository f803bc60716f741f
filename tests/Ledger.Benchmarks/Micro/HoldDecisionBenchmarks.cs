using BenchmarkDotNet.Attributes;
using Ledger.Benchmarks.Baselines;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Benchmarks.Micro;

/// <summary>
/// What deciding one purchase costs in memory, against the hand-written baselines' split: Ledger's engine
/// checks the key, hashes the request's canonical form, splits across three streams and builds the hold.
/// It shows the decision is microseconds — the database, not the rules, bounds P1 and P2.
/// Run: <c>dotnet run -c Release --project tests/Ledger.Benchmarks -- micro --filter '*HoldDecision*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HoldDecisionBenchmarks
{
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 1, 9, 0);
    private readonly AreaId _area = new(Guid.NewGuid());
    private Account[] _budget = [];
    private Account[] _payable = [];
    private long _n;

    [GlobalSetup]
    public void Setup()
    {
        var streams = Enumerable.Range(0, 3).Select(_ => new FundingStreamId(Guid.NewGuid())).ToArray();
        _budget = streams.Select(s => Account.Open(new AccountId(Guid.NewGuid()), AccountKind.IndividualBudget, _area, "CHILD-1", s, Now)).ToArray();
        _payable = streams.Select(s => Account.Open(new AccountId(Guid.NewGuid()), AccountKind.ProviderPayable, _area, "PROV-1", s, Now)).ToArray();
        var funds = streams.Select(s => Account.Open(new AccountId(Guid.NewGuid()), AccountKind.StreamFunds, _area, "FUNDS", s, Now)).ToArray();
        var set = new LedgerWorkingSet();
        foreach (var account in _budget.Concat(funds))
        {
            set.AddAccount(account);
        }

        // £100bn a stream: no decision in the run is refused for want of money.
        for (var i = 0; i < 3; i++)
        {
            var amount = Money.FromPence(10_000_000_000_000);
            var outcome = PostingEngine.Execute(new PostEntry($"fund-{i}", new LocalDate(2026, 4, 1), "Funding",
                [JournalLine.Debit(funds[i].Id, amount), JournalLine.Credit(_budget[i].Id, amount)]), set, Now);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException(outcome.Error!.Message);
            }
        }
    }

    /// <summary>The baselines' pro-rata split of £123.45 over three streams' available money.</summary>
    [Benchmark(Baseline = true)]
    public long[]? BaselineSplit() => HoldSplit.ProRata(12_345, [50_000_00, 20_000_00, 7_000_00]);

    /// <summary>Ledger's engine deciding a split hold (a fresh working set per call, as per batch; the accounts start funded).</summary>
    [Benchmark]
    public LedgerOutcome LedgerDecide()
    {
        var set = new LedgerWorkingSet();
        for (var i = 0; i < 3; i++)
        {
            set.AddAccount(_budget[i]);
            set.AddAccount(_payable[i]);
        }

        var candidates = Enumerable.Range(0, 3).Select(i => new SplitCandidate(_budget[i].Id, _payable[i].Id, false)).ToArray();
        return PostingEngine.Execute(new ReserveSplitHold($"micro-{_n++}", new LocalDate(2026, 10, 1), "Purchase order", Money.FromPence(12_345),
            candidates, SplitPolicy.ProRata, null), set, Now);
    }
}
