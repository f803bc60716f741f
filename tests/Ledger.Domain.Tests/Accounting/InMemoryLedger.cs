using System.Globalization;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using NodaTime;
using NodaTime.Testing;

namespace Ledger.Domain.Tests.Accounting;

/// <summary>
/// A ledger kept in memory for tests: one <see cref="LedgerWorkingSet"/> that lives as long as the
/// ledger (so <see cref="LedgerWorkingSet.NewEntries"/> holds every entry written), a
/// <see cref="FakeClock"/> for "now", and helpers to open accounts, build commands and read state.
/// <see cref="StartNewBatch"/> imitates the storage side: it moves everything into a fresh working
/// set, as if the next batch had been loaded from the database.
/// </summary>
internal class InMemoryLedger
{
    /// <summary>The instant the clock starts at: 09:00 UTC on Monday 15 June 2026.</summary>
    public static readonly Instant StartInstant = Instant.FromUtc(2026, 6, 15, 9, 0);

    /// <summary>The business date used by default: 15 June 2026 (financial year 2026/27).</summary>
    public static readonly LocalDate Today = new(2026, 6, 15);

    private readonly List<JournalEntry> _flushedEntries = [];
    private readonly List<IdempotencyRecord> _flushedRecords = [];
    private readonly List<PeriodClosure> _closures = [];
    private readonly Dictionary<FundingStreamId, FundingStream> _streams = [];
    private readonly Dictionary<(AreaId, FundingStreamId), Account> _streamFunds = [];
    private int _nextKey;

    public InMemoryLedger(Instant? start = null)
    {
        Clock = new FakeClock(start ?? StartInstant);
        Set = new LedgerWorkingSet();
    }

    /// <summary>The working set every command runs against.</summary>
    public LedgerWorkingSet Set { get; private set; }

    /// <summary>The clock commands are executed at.</summary>
    public FakeClock Clock { get; }

    /// <summary>The clock's current instant.</summary>
    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>Every entry written, in order, across batches.</summary>
    public IReadOnlyList<JournalEntry> AllEntries => [.. _flushedEntries, .. Set.NewEntries];

    /// <summary>Every idempotency record written, in order, across batches.</summary>
    public IReadOnlyList<IdempotencyRecord> AllRecords => [.. _flushedRecords, .. Set.NewIdempotencyRecords];

    /// <summary>Every account, in no particular order.</summary>
    public IReadOnlyList<Account> Accounts => [.. Set.Accounts];

    /// <summary>Every hold, in no particular order.</summary>
    public IReadOnlyList<Hold> Holds => [.. Set.Holds];

    public static Area NewArea(string code = "DEVON") => Area.Create(AreaId.New(), code, code + " council");

    public FundingStream NewStream(AreaId area, string code)
    {
        var stream = FundingStream.Create(FundingStreamId.New(), area, code, code + " money", FinancialYear.StartingIn(2026));
        _streams[stream.Id] = stream;
        return stream;
    }

    public FundingStream Stream(FundingStreamId id) => _streams[id];

    /// <summary>Opens an account (zero balance) and puts it in the working set.</summary>
    public Account Open(AccountKind kind, AreaId area, string owner, FundingStreamId stream)
    {
        var account = Account.Open(AccountId.New(), kind, area, owner, stream, Now);
        Set.AddAccount(account);
        if (kind == AccountKind.StreamFunds)
        {
            _streamFunds[(area, stream)] = account;
        }

        return account;
    }

    /// <summary>The stream-funds account of an account's area and stream.</summary>
    public Account StreamFundsFor(Account account) => _streamFunds[(account.Area, account.Stream)];

    /// <summary>Closes a month of an area's books (R27).</summary>
    public void Close(AreaId area, YearMonth month)
    {
        var closure = new PeriodClosure(area, month, Now);
        _closures.Add(closure);
        Set.AddClosure(closure);
    }

    /// <summary>A fresh idempotency key.</summary>
    public string NextKey(string prefix = "key") =>
        prefix + "-" + (++_nextKey).ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a command through the posting engine at the clock's instant.</summary>
    public LedgerOutcome Execute(LedgerCommand command) => PostingEngine.Execute(command, Set, Now);

    public Hold Hold(HoldId id) => Set.Holds.Single(h => h.Id == id);

    public JournalEntry Entry(JournalEntryId id) => AllEntries.Single(e => e.Id == id);

    // ---- Command builders ----

    /// <summary>Debit <paramref name="debit"/>, credit <paramref name="credit"/>.</summary>
    public PostEntry Move(Account debit, Account credit, Money amount, LocalDate? date = null, string? key = null, string description = "Transfer") =>
        new(key ?? NextKey("entry"), date ?? Today, description,
            [JournalLine.Debit(debit.Id, amount), JournalLine.Credit(credit.Id, amount)]);

    /// <summary>Funds a credit-normal account directly: Dr its stream's StreamFunds / Cr the account.</summary>
    public PostEntry FundCommand(Account budget, Money amount, LocalDate? date = null, string? key = null) =>
        Move(StreamFundsFor(budget), budget, amount, date, key, "Contribution");

    /// <summary>Funds a budget and checks it worked.</summary>
    public LedgerOutcome Fund(Account budget, Money amount, LocalDate? date = null)
    {
        var outcome = Execute(FundCommand(budget, amount, date));
        outcome.Error.Should().BeNull();
        return outcome;
    }

    public ReserveHold ReserveCommand(IEnumerable<(Account From, Account To, Money Amount)> legs, Instant? expiresAt = null,
        LocalDate? date = null, string? key = null) =>
        new(key ?? NextKey("hold"), date ?? Today, "Purchase order",
            [.. legs.Select(l => new HoldLegRequest(l.From.Id, l.To.Id, l.Amount))], expiresAt);

    public ReserveHold ReserveCommand(Account from, Account to, Money amount, Instant? expiresAt = null, LocalDate? date = null, string? key = null) =>
        ReserveCommand([(from, to, amount)], expiresAt, date, key);

    /// <summary>Reserves a hold and checks it worked.</summary>
    public HoldId Reserve(Account from, Account to, Money amount, Instant? expiresAt = null)
    {
        var outcome = Execute(ReserveCommand(from, to, amount, expiresAt));
        outcome.Error.Should().BeNull();
        return outcome.Hold!.Value;
    }

    public PostHold PostHoldCommand(HoldId hold, Money? amount = null, LocalDate? date = null, string? key = null) =>
        new(key ?? NextKey("settle"), hold, date ?? Today, "Invoice", amount);

    public VoidHold VoidCommand(HoldId hold, string? key = null) => new(key ?? NextKey("void"), hold);

    public ExpireHold ExpireCommand(HoldId hold, string? key = null) => new(key ?? NextKey("expire"), hold);

    public ReverseEntry ReverseCommand(JournalEntryId entry, LocalDate? date = null, string? key = null) =>
        new(key ?? NextKey("reverse"), entry, date ?? Today, "Correction");

    // ---- Reading state ----

    /// <summary>Each account's normal-side balance recomputed from every posting written.</summary>
    public IReadOnlyDictionary<AccountId, long> RecomputedBalances()
    {
        var balances = Set.Accounts.ToDictionary(a => a.Id, _ => 0L);
        var kinds = Set.Accounts.ToDictionary(a => a.Id, a => a.Kind);
        foreach (var posting in AllEntries.SelectMany(e => e.Postings))
        {
            balances[posting.Account] = checked(balances[posting.Account] + AccountKindRules.BalanceDelta(kinds[posting.Account], posting.Amount));
        }

        return balances;
    }

    /// <summary>Everything a command could change, as values.</summary>
    public LedgerSnapshot Snapshot() => new(
        [.. Set.Accounts.OrderBy(a => a.Id.Value).Select(a => new AccountState(a.Id, a.Balance, a.Held, a.Version, a.Revision))],
        [.. Set.Holds.OrderBy(h => h.Id.Value).Select(h => new HoldState(h.Id, h.Status, h.PostedAmount, h.Version, h.ResolvedAt,
            string.Join(',', h.Legs.Select(l => l.Posted.ToString(CultureInfo.InvariantCulture)))))],
        AllEntries.Count,
        AllEntries.Sum(e => e.Postings.Count),
        AllRecords.Count);

    /// <summary>
    /// Moves everything into a fresh working set, as the storage side would load it for the next
    /// batch: accounts, holds, entries (with whether each is reversed), idempotency records, closures.
    /// </summary>
    public void StartNewBatch()
    {
        var accounts = Set.Accounts.ToList();
        var holds = Set.Holds.ToList();
        _flushedEntries.AddRange(Set.NewEntries);
        _flushedRecords.AddRange(Set.NewIdempotencyRecords);

        var fresh = new LedgerWorkingSet();
        accounts.ForEach(fresh.AddAccount);
        holds.ForEach(fresh.AddHold);
        var reversed = _flushedEntries.Where(e => e.Reverses is not null).Select(e => e.Reverses!.Value).ToHashSet();
        foreach (var entry in _flushedEntries)
        {
            fresh.AddEntry(entry, reversed.Contains(entry.Id));
        }

        _flushedRecords.ForEach(fresh.AddIdempotencyRecord);
        _closures.ForEach(fresh.AddClosure);
        Set = fresh;
    }
}

/// <summary>One stream's accounts in the typical setup.</summary>
internal sealed record StreamAccounts(FundingStream Stream, Account Funds, Account Pool, Account Budget, Account Payable);

/// <summary>
/// The typical setup: one area; streams "CSC" (council social care) and "HEALTH"; per stream a
/// StreamFunds account, a Pool, an IndividualBudget for child "CHILD-1" and a ProviderPayable for
/// provider "PROV-1".
/// </summary>
internal sealed class TypicalLedger : InMemoryLedger
{
    public const string Child = "CHILD-1";
    public const string Provider = "PROV-1";

    public TypicalLedger(Instant? start = null)
        : base(start)
    {
        AreaInfo = NewArea("DEVON");
        Csc = OpenStream("CSC");
        Health = OpenStream("HEALTH");
    }

    public Area AreaInfo { get; }

    public AreaId Area => AreaInfo.Id;

    /// <summary>Council social care.</summary>
    public StreamAccounts Csc { get; }

    /// <summary>Health.</summary>
    public StreamAccounts Health { get; }

    public StreamAccounts OpenStream(string code)
    {
        var stream = NewStream(Area, code);
        return new StreamAccounts(
            stream,
            Open(AccountKind.StreamFunds, Area, code, stream.Id),
            Open(AccountKind.Pool, Area, "POOL-" + code, stream.Id),
            Open(AccountKind.IndividualBudget, Area, Child, stream.Id),
            Open(AccountKind.ProviderPayable, Area, Provider, stream.Id));
    }
}

internal sealed record AccountState(AccountId Id, long Balance, long Held, long Version, long Revision);

internal sealed record HoldState(HoldId Id, HoldStatus Status, long PostedAmount, int Version, Instant? ResolvedAt, string PostedPerLeg);

internal sealed record LedgerSnapshot(
    IReadOnlyList<AccountState> Accounts,
    IReadOnlyList<HoldState> Holds,
    int EntryCount,
    int PostingCount,
    int RecordCount)
{
    /// <summary>True when accounts, holds and entries are the same (idempotency records aside).</summary>
    public bool SameLedgerStateAs(LedgerSnapshot other) =>
        Accounts.SequenceEqual(other.Accounts) && Holds.SequenceEqual(other.Holds)
        && EntryCount == other.EntryCount && PostingCount == other.PostingCount;
}
