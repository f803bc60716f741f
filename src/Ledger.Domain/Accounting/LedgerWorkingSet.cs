namespace Ledger.Domain.Accounting;

/// <summary>
/// The part of the ledger one batch of requests needs: the accounts, holds and entries it touches,
/// the idempotency records of its keys and the closed periods of its areas, plus what the batch
/// adds. The storage side fills it (holding the accounts' locks) and writes back what changed; tests
/// keep one for the whole life of an in-memory ledger.
/// </summary>
public sealed class LedgerWorkingSet
{
    private readonly Dictionary<AccountId, Account> _accounts = [];
    private readonly Dictionary<HoldId, Hold> _holds = [];
    private readonly Dictionary<JournalEntryId, JournalEntry> _entries = [];
    private readonly HashSet<JournalEntryId> _reversed = [];
    private readonly Dictionary<string, IdempotencyRecord> _idempotency = new(StringComparer.Ordinal);
    private readonly HashSet<(AreaId, int, int)> _closed = [];
    private readonly List<JournalEntry> _newEntries = [];
    private readonly List<Hold> _newHolds = [];
    private readonly List<IdempotencyRecord> _newRecords = [];

    /// <summary>Entries written since the set was filled.</summary>
    public IReadOnlyList<JournalEntry> NewEntries => _newEntries;

    /// <summary>Holds reserved since the set was filled.</summary>
    public IReadOnlyList<Hold> NewHolds => _newHolds;

    /// <summary>Idempotency records written since the set was filled.</summary>
    public IReadOnlyList<IdempotencyRecord> NewIdempotencyRecords => _newRecords;

    /// <summary>Every account loaded or added.</summary>
    public IEnumerable<Account> Accounts => _accounts.Values;

    /// <summary>Every hold loaded or added.</summary>
    public IEnumerable<Hold> Holds => _holds.Values;

    /// <summary>Makes an account available to the batch.</summary>
    public void AddAccount(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _accounts[account.Id] = account;
    }

    /// <summary>Makes an existing hold available to the batch.</summary>
    public void AddHold(Hold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        _holds[hold.Id] = hold;
    }

    /// <summary>Makes an existing entry (with its postings) available for reversal; <paramref name="reversed"/> says if it already is.</summary>
    public void AddEntry(JournalEntry entry, bool reversed)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[entry.Id] = entry;
        if (reversed)
        {
            _reversed.Add(entry.Id);
        }
    }

    /// <summary>Makes an existing idempotency record available.</summary>
    public void AddIdempotencyRecord(IdempotencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _idempotency[record.Key] = record;
    }

    /// <summary>Records that a month of an area's books is closed.</summary>
    public void AddClosure(PeriodClosure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        _closed.Add((closure.Area, closure.Year, closure.Month));
    }

    /// <summary>Forgets what the batch added, keeping what was loaded (used after a batch is written).</summary>
    public void ClearNew()
    {
        _newEntries.Clear();
        _newHolds.Clear();
        _newRecords.Clear();
    }

    internal Account? FindAccount(AccountId id) => _accounts.GetValueOrDefault(id);

    internal Hold? FindHold(HoldId id) => _holds.GetValueOrDefault(id);

    internal JournalEntry? FindEntry(JournalEntryId id) => _entries.GetValueOrDefault(id);

    internal bool IsReversed(JournalEntryId id) => _reversed.Contains(id);

    internal IdempotencyRecord? FindRecord(string key) => _idempotency.GetValueOrDefault(key);

    internal bool IsClosed(AreaId area, NodaTime.LocalDate date) => _closed.Contains((area, date.Year, date.Month));

    internal void Written(JournalEntry entry)
    {
        _entries[entry.Id] = entry;
        _newEntries.Add(entry);
        if (entry.Reverses is { } original)
        {
            _reversed.Add(original);
            _reversed.Add(entry.Id);
        }
    }

    internal void Written(Hold hold)
    {
        _holds[hold.Id] = hold;
        _newHolds.Add(hold);
    }

    internal void Written(IdempotencyRecord record)
    {
        _idempotency[record.Key] = record;
        _newRecords.Add(record);
    }
}
