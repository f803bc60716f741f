using System.Globalization;
using System.Text;
using CsCheck;
using Ledger.Domain.Accounting;
using NodaTime;

namespace Ledger.Domain.Tests.Accounting;

/// <summary>
/// Random sequences of ledger operations, checked against the ledger's invariants (R9, R23, R25,
/// R26, R28) after every operation and at the end of every sequence.
/// </summary>
public sealed class LedgerPropertyTests
{
    private const int Iterations = 250;

    // ---- Operations, described by indexes so one sequence can be replayed on several ledgers ----

    /// <summary>Account index within a stream: 0 pool, 1 CHILD-1 budget, 2 CHILD-2 budget, 3 PROV-1 payable (all guarded), 4 stream funds.</summary>
    private const int FundsIndex = 4;

    private abstract record Op;

    /// <summary>Dr stream funds / Cr a guarded account.</summary>
    private sealed record FundOp(int Stream, int Target, long Pence) : Op;

    /// <summary>One entry with one or two transfers (Dr From / Cr To), possibly in two streams.</summary>
    private sealed record MoveOp(Part[] Parts) : Op;

    private sealed record Part(int Stream, int From, int To, long Pence);

    /// <summary>A hold of 1–3 legs; no expiry when <paramref name="ExpiryMinutes"/> is 0.</summary>
    private sealed record ReserveOp(Part[] Legs, int ExpiryMinutes) : Op;

    /// <summary>Posts the n-th hold: in full when <paramref name="Permille"/> is 0, otherwise that share (over 1000 exceeds it).</summary>
    private sealed record PostOp(int Hold, int Permille) : Op;

    private sealed record VoidOp(int Hold) : Op;

    private sealed record ExpireOp(int Hold) : Op;

    private sealed record AdvanceOp(int Minutes) : Op;

    private sealed record ReverseOp(int Entry) : Op;

    private sealed record ReplayOp(int Command) : Op;

    private sealed record BadOp(int Kind, int Pick) : Op;

    private static readonly Gen<Part> GenPart = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3], Gen.Int[0, 4], Gen.Long[1, 10_000],
        (stream, from, to, pence) => new Part(stream, from, to == from ? FundsIndex : to, pence));

    private static readonly Gen<Op> GenFund = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3], Gen.Long[1, 300_000], (s, t, p) => (Op)new FundOp(s, t, p));

    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (6, GenFund),
        (4, GenPart.Array[1, 2].Select(parts => (Op)new MoveOp(parts))),
        (6, Gen.Select(GenPart.Array[1, 3], Gen.OneOf(Gen.Const(0), Gen.Int[1, 60]), (legs, expiry) => (Op)new ReserveOp(legs, expiry))),
        (3, Gen.Select(Gen.Int[0, 50], Gen.OneOf(Gen.Const(0), Gen.Int[1, 1_100]), (h, p) => (Op)new PostOp(h, p))),
        (2, Gen.Int[0, 50].Select(h => (Op)new VoidOp(h))),
        (2, Gen.Int[0, 50].Select(h => (Op)new ExpireOp(h))),
        (2, Gen.Int[1, 120].Select(m => (Op)new AdvanceOp(m))),
        (2, Gen.Int[0, 100].Select(e => (Op)new ReverseOp(e))),
        (2, Gen.Int[0, 100].Select(c => (Op)new ReplayOp(c))),
        (2, Gen.Select(Gen.Int[0, 8], Gen.Int[0, 100], (k, p) => (Op)new BadOp(k, p))));

    /// <summary>A little funding first (so holds and spending mostly have money to work with), then anything.</summary>
    private static readonly Gen<Op[]> GenOps = Gen.Select(GenFund.Array[0, 6], GenOp.Array[1, 60], (funding, ops) => (Op[])[.. funding, .. ops]);

    // ---- Property 1: every invariant holds after every sequence ----

    [Fact]
    public void RandomSequences_KeepEveryInvariant_R9_R23_R25_R26_R28()
    {
        GenOps.Sample(ops =>
        {
            var run = new Run();
            foreach (var op in ops)
            {
                run.Apply(op);
            }

            AssertInvariants(run.Ledger);
        }, iter: Iterations, print: Describe);
    }

    // ---- Property 2: batching does not change the result ----

    [Fact]
    public void RandomSequences_GiveTheSameResult_WhetherRunInOneWorkingSetOrInBatchesReloadedFromStorage()
    {
        Gen.Select(GenOps, Gen.Int[0, 60].Array[0, 6]).Sample((ops, cuts) =>
        {
            var whole = new Run();
            foreach (var op in ops)
            {
                whole.Apply(op);
            }

            var batched = new Run();
            var cutSet = cuts.ToHashSet();
            for (var i = 0; i < ops.Length; i++)
            {
                if (cutSet.Contains(i))
                {
                    batched.Ledger.StartNewBatch();
                }

                batched.Apply(ops[i]);
            }

            batched.Trace.Should().Equal(whole.Trace);
            FinalBalances(batched.Ledger).Should().Equal(FinalBalances(whole.Ledger));
            batched.Ledger.AllEntries.Count.Should().Be(whole.Ledger.AllEntries.Count);
            batched.Ledger.AllRecords.Count.Should().Be(whole.Ledger.AllRecords.Count);
            AssertInvariants(batched.Ledger);
        }, iter: Iterations, print: t => Describe(t.Item1) + " cuts " + string.Join(',', t.Item2));
    }

    private static List<string> FinalBalances(TypicalLedger ledger) =>
        [.. ledger.Accounts
            .Select(a => $"{a.Kind}/{a.Owner}/{ledger.Stream(a.Stream).Code}/{(a.Area == ledger.Area ? "home" : "away")}: "
                + $"{a.Balance} held {a.Held} v{a.Version}")
            .Order(StringComparer.Ordinal)];

    private static string Describe(Op[] ops) => string.Join("; ", ops.Select(o => o switch
    {
        MoveOp m => "Move[" + string.Join(", ", m.Parts.Select(p => p.ToString())) + "]",
        ReserveOp r => "Reserve[" + string.Join(", ", r.Legs.Select(p => p.ToString())) + $"] expiry {r.ExpiryMinutes}",
        _ => o.ToString(),
    }));

    // ---- The invariants (R28: recompute everything from the postings) ----

    private static void AssertInvariants(InMemoryLedger ledger)
    {
        var accounts = ledger.Accounts.ToDictionary(a => a.Id);
        var entries = ledger.AllEntries;

        // R23: every entry sums to zero per stream; postings carry their account's stream; one area.
        foreach (var entry in entries)
        {
            entry.Postings.Should().HaveCountGreaterThanOrEqualTo(2);
            foreach (var posting in entry.Postings)
            {
                posting.Stream.Should().Be(accounts[posting.Account].Stream);
                accounts[posting.Account].Area.Should().Be(entry.Area, "R1");
                posting.Amount.Should().NotBe(0);
            }

            entry.Postings.GroupBy(p => p.Stream)
                .Select(g => g.Aggregate(Int128.Zero, (sum, p) => sum + p.Amount))
                .Should().OnlyContain(sum => sum == 0, "entry {0} balances per stream", entry.Id);
            entry.Postings.Select(p => p.Line).Should().Equal(Enumerable.Range(1, entry.Postings.Count));
        }

        // Per account: versions 1..n, resulting balance = running sum on the normal side = the account.
        var byAccount = entries.SelectMany(e => e.Postings).GroupBy(p => p.Account).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var account in accounts.Values)
        {
            var postings = byAccount.GetValueOrDefault(account.Id) ?? [];
            long running = 0;
            for (var i = 0; i < postings.Count; i++)
            {
                running = checked(running + AccountKindRules.BalanceDelta(account.Kind, postings[i].Amount));
                postings[i].AccountVersion.Should().Be(i + 1);
                postings[i].ResultingBalance.Should().Be(running);
                if (account.IsGuarded)
                {
                    postings[i].ResultingBalance.Should().BeGreaterThanOrEqualTo(0, "R26: a guarded account never goes below zero");
                }
            }

            account.Balance.Should().Be(running);
            account.Version.Should().Be(postings.Count);

            // Held = the open holds' legs reserved on this account.
            var held = ledger.Holds.Where(h => h.Status == HoldStatus.Open).SelectMany(h => h.Legs).Where(l => l.From == account.Id).Sum(l => l.Amount);
            account.Held.Should().Be(held);
            account.Held.Should().BeGreaterThanOrEqualTo(0);
            if (account.IsGuarded)
            {
                (account.Balance - account.Held).Should().BeGreaterThanOrEqualTo(0, "R26: available never below zero");
            }
        }

        ledger.RecomputedBalances().Should().Equal(accounts.Values.ToDictionary(a => a.Id, a => a.Balance));

        // R9: each hold resolves at most once; never more posted than reserved.
        var settlements = entries.Where(e => e.SettlesHold is not null).GroupBy(e => e.SettlesHold!.Value).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var hold in ledger.Holds)
        {
            hold.Amount.Should().Be(hold.Legs.Sum(l => l.Amount));
            hold.Legs.Should().OnlyContain(l => l.Amount > 0 && l.Posted >= 0 && l.Posted <= l.Amount);
            hold.Legs.Select(l => l.Leg).Should().Equal(Enumerable.Range(1, hold.Legs.Count));
            hold.PostedAmount.Should().BeLessThanOrEqualTo(hold.Amount);
            hold.PostedAmount.Should().Be(hold.Legs.Sum(l => l.Posted));
            hold.Version.Should().Be(hold.Status == HoldStatus.Open ? 0 : 1, "a hold resolves exactly once");
            (hold.ResolvedAt is null).Should().Be(hold.Status == HoldStatus.Open);
            var settledBy = settlements.GetValueOrDefault(hold.Id) ?? [];
            if (hold.Status == HoldStatus.Posted)
            {
                hold.PostedAmount.Should().BePositive();
                settledBy.Should().ContainSingle().Which.Id.Should().Be(hold.SettlementEntry!.Value);
                var settlement = settledBy[0];
                foreach (var leg in hold.Legs)
                {
                    var toLeg = settlement.Postings.Where(p => p.Account == leg.To && p.Amount < 0).Sum(p => -p.Amount);
                    toLeg.Should().BeGreaterThanOrEqualTo(leg.Posted);
                }

                settlement.Postings.Where(p => p.Amount > 0).Sum(p => p.Amount).Should().Be(hold.PostedAmount);
            }
            else
            {
                hold.PostedAmount.Should().Be(0);
                settledBy.Should().BeEmpty();
                hold.SettlementEntry.Should().BeNull();
            }
        }

        // R23: a reversal is the exact opposite of its original; an entry is reversed at most once; a reversal is never reversed.
        var byId = entries.ToDictionary(e => e.Id);
        var reversals = entries.Where(e => e.Reverses is not null).ToList();
        reversals.Select(e => e.Reverses!.Value).Should().OnlyHaveUniqueItems("an entry is reversed at most once");
        foreach (var reversal in reversals)
        {
            var original = byId[reversal.Reverses!.Value];
            original.Reverses.Should().BeNull("a reversal cannot be reversed");
            reversal.Postings.Select(p => (p.Account, p.Stream, p.Amount)).Should().Equal(original.Postings.Select(p => (p.Account, p.Stream, -p.Amount)));
        }

        // R25: one record per key, and every entry's key has a record that names it.
        var records = ledger.AllRecords;
        records.Select(r => r.Key).Should().OnlyHaveUniqueItems();
        var recordByKey = records.ToDictionary(r => r.Key);
        foreach (var entry in entries)
        {
            recordByKey[entry.IdempotencyKey].Entry.Should().Be(entry.Id);
        }
    }

    // ---- One run of a sequence on one ledger, checking each operation as it goes ----

    private sealed class Run
    {
        private readonly Account[][] _streams;
        private readonly Account _foreignFunds;
        private readonly List<HoldId> _holds = [];
        private readonly List<(LedgerCommand Command, LedgerOutcome Outcome)> _commands = [];

        public Run()
        {
            var ledger = new TypicalLedger();
            Ledger = ledger;
            _streams =
            [
                [ledger.Csc.Pool, ledger.Csc.Budget, ledger.Open(AccountKind.IndividualBudget, ledger.Area, "CHILD-2", ledger.Csc.Stream.Id), ledger.Csc.Payable, ledger.Csc.Funds],
                [ledger.Health.Pool, ledger.Health.Budget, ledger.Open(AccountKind.IndividualBudget, ledger.Area, "CHILD-2", ledger.Health.Stream.Id), ledger.Health.Payable, ledger.Health.Funds],
            ];
            _foreignFunds = ledger.Open(AccountKind.StreamFunds, InMemoryLedger.NewArea("SOMERSET").Id, "CSC", ledger.Csc.Stream.Id);
            ledger.Close(ledger.Area, new YearMonth(2026, 5));
        }

        public TypicalLedger Ledger { get; }

        /// <summary>What happened at each step: the outcome's code (or OK) and whether it was replayed.</summary>
        public List<string> Trace { get; } = [];

        private Account At(int stream, int index) => _streams[stream][index];

        /// <summary>Half the picks go to one of the three latest holds (most likely still open), the rest to any hold.</summary>
        private HoldId PickHold(int n) =>
            _holds.Count == 0 ? HoldId.New()
            : n < 25 ? _holds[_holds.Count - 1 - (n % Math.Min(3, _holds.Count))]
            : _holds[n % _holds.Count];

        public void Apply(Op op)
        {
            var ledger = Ledger;
            switch (op)
            {
                case FundOp f:
                    Fresh(ledger.FundCommand(At(f.Stream, f.Target), Money.FromPence(f.Pence)), expected: null);
                    break;

                case MoveOp m:
                    {
                        var lines = m.Parts.SelectMany(p => new[]
                        {
                        JournalLine.Debit(At(p.Stream, p.From).Id, Money.FromPence(p.Pence)),
                        JournalLine.Credit(At(p.Stream, p.To).Id, Money.FromPence(p.Pence)),
                    }).ToList();
                        var expected = WouldStayAboveZero(lines.Select(l => (l.Account, l.SignedPence))) ? (LedgerErrorCode?)null : LedgerErrorCode.InsufficientFunds;
                        Fresh(new PostEntry(ledger.NextKey("move"), InMemoryLedger.Today, "Move", lines), expected);
                        break;
                    }

                case ReserveOp r:
                    {
                        var legs = r.Legs.Select(p => (At(p.Stream, p.From), At(p.Stream, p.To), Money.FromPence(p.Pence))).ToList();
                        var enough = legs.GroupBy(l => l.Item1).All(g => !g.Key.IsGuarded || g.Key.Available.Pence >= g.Sum(l => l.Item3.Pence));
                        Instant? expiry = r.ExpiryMinutes == 0 ? null : ledger.Now + Duration.FromMinutes(r.ExpiryMinutes);
                        var outcome = Fresh(ledger.ReserveCommand(legs, expiry), enough ? null : LedgerErrorCode.InsufficientFunds);
                        if (outcome.Succeeded)
                        {
                            _holds.Add(outcome.Hold!.Value);
                        }

                        break;
                    }

                case PostOp p:
                    {
                        var id = PickHold(p.Hold);
                        var hold = _holds.Count == 0 ? null : ledger.Hold(id);
                        Money? amount = p.Permille == 0 || hold is null ? null : Money.FromPence(Math.Max(1, hold.Amount * p.Permille / 1000));
                        LedgerErrorCode? expected = hold switch
                        {
                            null => LedgerErrorCode.UnknownHold,
                            { Status: not HoldStatus.Open } => LedgerErrorCode.HoldAlreadyResolved,
                            _ when hold.HasExpiredBy(ledger.Now) => LedgerErrorCode.HoldExpired,
                            _ when amount is { } a && a.Pence > hold.Amount => LedgerErrorCode.ExceedsHold,
                            _ => null,
                        };
                        var outcome = Fresh(ledger.PostHoldCommand(id, amount), expected);
                        if (outcome.Succeeded)
                        {
                            ledger.Hold(id).PostedAmount.Should().Be(amount?.Pence ?? hold!.Amount);
                        }

                        break;
                    }

                case VoidOp v:
                    {
                        var id = PickHold(v.Hold);
                        var expected = _holds.Count == 0 ? LedgerErrorCode.UnknownHold
                            : ledger.Hold(id).Status != HoldStatus.Open ? LedgerErrorCode.HoldAlreadyResolved : (LedgerErrorCode?)null;
                        Fresh(ledger.VoidCommand(id), expected);
                        break;
                    }

                case ExpireOp e:
                    {
                        var id = PickHold(e.Hold);
                        var expected = _holds.Count == 0 ? LedgerErrorCode.UnknownHold
                            : ledger.Hold(id).Status != HoldStatus.Open ? LedgerErrorCode.HoldAlreadyResolved
                            : !ledger.Hold(id).HasExpiredBy(ledger.Now) ? LedgerErrorCode.HoldNotYetExpired : (LedgerErrorCode?)null;
                        Fresh(ledger.ExpireCommand(id), expected);
                        break;
                    }

                case AdvanceOp a:
                    ledger.Clock.Advance(Duration.FromMinutes(a.Minutes));
                    Trace.Add("advance");
                    break;

                case ReverseOp r:
                    {
                        var entries = ledger.AllEntries;
                        if (entries.Count == 0)
                        {
                            Fresh(ledger.ReverseCommand(JournalEntryId.New()), LedgerErrorCode.UnknownEntry);
                            break;
                        }

                        var original = entries[r.Entry % entries.Count];
                        var reversible = original.Reverses is null && !entries.Any(e => e.Reverses == original.Id);
                        LedgerErrorCode? expected = !reversible ? LedgerErrorCode.EntryNotReversible
                            : WouldStayAboveZero(original.Postings.Select(p => (p.Account, -p.Amount))) ? null : LedgerErrorCode.InsufficientFunds;
                        Fresh(ledger.ReverseCommand(original.Id), expected);
                        break;
                    }

                case ReplayOp r:
                    Replay(r.Command);
                    break;

                case BadOp b:
                    Bad(b);
                    break;

                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operation.");
            }
        }

        /// <summary>Simulates signed lines in order on copies of the accounts: true when no guarded account is debited below zero available.</summary>
        private bool WouldStayAboveZero(IEnumerable<(AccountId Account, long Amount)> lines)
        {
            var available = new Dictionary<AccountId, long>();
            foreach (var (id, amount) in lines)
            {
                var account = Ledger.Accounts.Single(a => a.Id == id);
                var now = available.TryGetValue(id, out var a) ? a : account.Available.Pence;
                now += AccountKindRules.BalanceDelta(account.Kind, amount);
                if (account.IsGuarded && amount > 0 && now < 0)
                {
                    return false;
                }

                available[id] = now;
            }

            return true;
        }

        /// <summary>Executes a command with a key never used before and checks the outcome and what changed.</summary>
        private LedgerOutcome Fresh(LedgerCommand command, LedgerErrorCode? expected)
        {
            var before = Ledger.Snapshot();
            var outcome = Ledger.Execute(command);
            var after = Ledger.Snapshot();

            outcome.Replayed.Should().BeFalse();
            outcome.IdempotencyKey.Should().Be(command.IdempotencyKey);
            (outcome.Error?.Code).Should().Be(expected, outcome.Error?.Message);
            if (expected is null)
            {
                outcome.Succeeded.Should().BeTrue(outcome.Error?.Message);
            }

            if (outcome.Succeeded)
            {
                after.RecordCount.Should().Be(before.RecordCount + 1);
                var writesEntry = command is PostEntry or PostHold or ReverseEntry;
                after.EntryCount.Should().Be(before.EntryCount + (writesEntry ? 1 : 0));
                (outcome.Entry is not null).Should().Be(writesEntry);
                after.Holds.Count.Should().Be(before.Holds.Count + (command is ReserveHold ? 1 : 0));
            }
            else
            {
                outcome.Entry.Should().BeNull();
                outcome.Hold.Should().BeNull();
                after.SameLedgerStateAs(before).Should().BeTrue($"the refused {command.Operation} ({outcome.Error!.Code}) must change nothing");
                after.RecordCount.Should().Be(before.RecordCount + (outcome.Error!.IsStateDependent ? 1 : 0));
            }

            _commands.Add((command, outcome));
            Trace.Add($"{command.Operation}:{outcome.Error?.Code.ToString() ?? "OK"}");
            return outcome;
        }

        private void Replay(int pick)
        {
            if (_commands.Count == 0)
            {
                Trace.Add("no-replay");
                return;
            }

            var (command, first) = _commands[pick % _commands.Count];
            var remembered = Ledger.AllRecords.SingleOrDefault(r => r.Key == command.IdempotencyKey);
            var before = Ledger.Snapshot();

            var outcome = Ledger.Execute(command);

            if (remembered is not null && remembered.RequestHash == command.RequestHash())
            {
                // R25: the first answer, success or state-dependent refusal, and nothing written.
                outcome.Should().Be(first with { Replayed = true, PostingsWritten = 0 });
                Ledger.Snapshot().SameLedgerStateAs(before).Should().BeTrue();
                Ledger.Snapshot().RecordCount.Should().Be(before.RecordCount);
            }
            else
            {
                // A refusal for the request's shape is not remembered: it is decided again, the same way.
                first.Succeeded.Should().BeFalse();
                first.Error!.IsStateDependent.Should().BeFalse();
                outcome.Replayed.Should().BeFalse();
                outcome.Error!.Code.Should().Be(first.Error.Code);
                Ledger.Snapshot().SameLedgerStateAs(before).Should().BeTrue();
                Ledger.Snapshot().RecordCount.Should().Be(before.RecordCount);
            }

            Trace.Add($"replay:{outcome.Error?.Code.ToString() ?? "OK"}:{outcome.Replayed}");
        }

        private void Bad(BadOp b)
        {
            var ledger = Ledger;
            var stream = b.Pick % 2;
            var budget = At(stream, 1);
            switch (b.Kind)
            {
                case 0:
                    Fresh(ledger.FundCommand(budget, Money.Zero), LedgerErrorCode.InvalidAmount);
                    break;
                case 1:
                    // Balanced overall, not per stream.
                    Fresh(new PostEntry(ledger.NextKey("bad"), InMemoryLedger.Today, "Wrong colour",
                        [JournalLine.Debit(At(stream, FundsIndex).Id, Money.FromPence(100)), JournalLine.Credit(At(1 - stream, 1).Id, Money.FromPence(100))]),
                        LedgerErrorCode.EntryUnbalanced);
                    break;
                case 2:
                    Fresh(new PostEntry(ledger.NextKey("bad"), InMemoryLedger.Today, "Nowhere",
                        [JournalLine.Debit(At(stream, FundsIndex).Id, Money.FromPence(100)), JournalLine.Credit(AccountId.New(), Money.FromPence(100))]),
                        LedgerErrorCode.UnknownAccount);
                    break;
                case 3:
                    {
                        var max = Money.FromPence(long.MaxValue);
                        Fresh(new PostEntry(ledger.NextKey("bad"), InMemoryLedger.Today, "Too much",
                        [
                            JournalLine.Debit(At(stream, FundsIndex).Id, max), JournalLine.Debit(At(stream, FundsIndex).Id, max),
                        JournalLine.Credit(At(stream, 0).Id, max), JournalLine.Credit(budget.Id, max),
                    ]), LedgerErrorCode.AmountOverflow);
                        break;
                    }

                case 4:
                    Fresh(ledger.FundCommand(budget, Money.FromPence(100), new LocalDate(2026, 5, 1 + (b.Pick % 31))), LedgerErrorCode.PeriodClosed);
                    break;
                case 5:
                    {
                        var records = ledger.AllRecords;
                        if (records.Count == 0)
                        {
                            Trace.Add("no-conflict");
                            break;
                        }

                        var key = records[b.Pick % records.Count].Key;
                        Fresh(ledger.FundCommand(budget, Money.FromPence(1), key: key) with { Description = "Conflicting request" }, LedgerErrorCode.IdempotencyConflict);
                        break;
                    }

                case 6:
                    Fresh(ledger.Move(_foreignFunds, At(0, 1), Money.FromPence(100)), LedgerErrorCode.CrossArea);
                    break;
                case 7:
                    Fresh(ledger.ReserveCommand(budget, At(1 - stream, 3), Money.FromPence(1)), LedgerErrorCode.StreamMismatch);
                    break;
                default:
                    {
                        // Post more than the hold (or a hold that can no longer be posted).
                        if (_holds.Count == 0)
                        {
                            Fresh(ledger.PostHoldCommand(HoldId.New()), LedgerErrorCode.UnknownHold);
                            break;
                        }

                        var hold = ledger.Hold(PickHold(b.Pick));
                        var expected = hold.Status != HoldStatus.Open ? LedgerErrorCode.HoldAlreadyResolved
                            : hold.HasExpiredBy(ledger.Now) ? LedgerErrorCode.HoldExpired : LedgerErrorCode.ExceedsHold;
                        Fresh(ledger.PostHoldCommand(hold.Id, Money.FromPence(hold.Amount + 1)), expected);
                        break;
                    }
            }
        }
    }

    // ---- Sanity checks that the generator exercises what the properties claim ----

    [Fact]
    public void TheGenerator_ReachesEveryOutcomeTheInvariantsAreAbout()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        GenOps.Sample(ops =>
        {
            var run = new Run();
            foreach (var op in ops)
            {
                run.Apply(op);
            }

            foreach (var step in run.Trace)
            {
                seen.AddOrUpdate(step, 1, (_, n) => n + 1);
            }
        }, iter: Iterations);

        var summary = new StringBuilder();
        foreach (var (step, count) in seen.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            summary.Append(CultureInfo.InvariantCulture, $"{step}={count} ");
        }

        seen.Keys.Should().Contain(
        [
            "PostEntry:OK", "PostEntry:InsufficientFunds", "ReserveHold:OK", "ReserveHold:InsufficientFunds",
            "PostHold:OK", "PostHold:HoldAlreadyResolved", "PostHold:HoldExpired", "PostHold:ExceedsHold",
            "VoidHold:OK", "ExpireHold:OK", "ExpireHold:HoldNotYetExpired", "ReverseEntry:OK", "ReverseEntry:EntryNotReversible",
            "ReverseEntry:InsufficientFunds", "PostEntry:EntryUnbalanced", "PostEntry:AmountOverflow", "PostEntry:PeriodClosed",
            "PostEntry:IdempotencyConflict", "PostEntry:CrossArea", "ReserveHold:StreamMismatch", "PostEntry:UnknownAccount",
            "replay:OK:True", "replay:InsufficientFunds:True",
        ], summary.ToString());
    }
}
