using NodaTime;

namespace Ledger.Domain.Accounting;

/// <summary>
/// A committed journal entry: postings that sum to zero for every funding stream (R23), with the
/// business date it counts on (<see cref="EffectiveDate"/>) and the moment it was written
/// (<see cref="RecordedAt"/>) (R24). Entries are never changed; <see cref="Reverses"/> links a
/// correcting entry to the one it undoes.
/// </summary>
public sealed class JournalEntry
{
    private readonly List<Posting> _postings = [];

    private JournalEntry()
    {
        Description = string.Empty;
        IdempotencyKey = string.Empty;
    }

    internal JournalEntry(JournalEntryId id, AreaId area, LocalDate effectiveDate, Instant recordedAt, string description,
        string idempotencyKey, JournalEntryId? reverses, HoldId? settlesHold, IReadOnlyList<Posting> postings, EntryKind kind = EntryKind.General)
    {
        var unbalanced = FindUnbalancedStream(postings.Select(p => (p.Stream, p.Amount)));
        if (unbalanced is not null)
        {
            throw new InvalidOperationException($"Entry {id} does not balance for stream {unbalanced}.");
        }

        Id = id;
        Area = area;
        EffectiveDate = effectiveDate;
        RecordedAt = recordedAt;
        Description = description;
        IdempotencyKey = idempotencyKey;
        Reverses = reverses;
        SettlesHold = settlesHold;
        Kind = kind;
        _postings.AddRange(postings);
    }

    /// <summary>The entry's id.</summary>
    public JournalEntryId Id { get; private set; }

    /// <summary>The area all its accounts belong to.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The business date the entry counts on (service date, outcome date...).</summary>
    public LocalDate EffectiveDate { get; private set; }

    /// <summary>When the ledger wrote the entry.</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>What the entry is for, in words (no personal details).</summary>
    public string Description { get; private set; }

    /// <summary>The idempotency key of the request that wrote the entry.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>What the entry records; a reversal carries the kind of the entry it reverses.</summary>
    public EntryKind Kind { get; private set; }

    /// <summary>The entry this one reverses, when it is a correction.</summary>
    public JournalEntryId? Reverses { get; private set; }

    /// <summary>The hold this entry settled, when it posts a hold.</summary>
    public HoldId? SettlesHold { get; private set; }

    /// <summary>The postings, in line order.</summary>
    public IReadOnlyList<Posting> Postings => _postings;

    /// <summary>
    /// Returns the first funding stream whose amounts do not sum to zero, or null when every stream
    /// balances. Sums are exact (128-bit), so no overflow can hide an imbalance.
    /// </summary>
    public static FundingStreamId? FindUnbalancedStream(IEnumerable<(FundingStreamId Stream, long Amount)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sums = new Dictionary<FundingStreamId, Int128>();
        var order = new List<FundingStreamId>();
        foreach (var (stream, amount) in lines)
        {
            if (!sums.TryGetValue(stream, out var sum))
            {
                order.Add(stream);
            }

            sums[stream] = sum + amount;
        }

        foreach (var stream in order)
        {
            if (sums[stream] != 0)
            {
                return stream;
            }
        }

        return null;
    }
}
