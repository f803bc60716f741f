using NodaTime;

namespace Ledger.Domain.Accounting;

/// <summary>Where a hold is in its life. A hold leaves <see cref="Open"/> exactly once (R9).</summary>
public enum HoldStatus
{
    /// <summary>Reserved: counts against available, not yet spent.</summary>
    Open,

    /// <summary>Posted in full or in part; any remainder was released.</summary>
    Posted,

    /// <summary>Cancelled; everything released.</summary>
    Voided,

    /// <summary>Not settled in time; everything released.</summary>
    Expired,
}

/// <summary>
/// A commitment of money (two-phase transfer): reserved at once against the accounts it debits,
/// later posted in full or in part, voided, or expired — exactly once. A hold may span several
/// funding streams, one leg per stream, so a purchase split across streams is still one commitment.
/// </summary>
public sealed class Hold
{
    private readonly List<HoldLeg> _legs = [];

    private Hold()
    {
        Description = string.Empty;
        IdempotencyKey = string.Empty;
    }

    internal Hold(HoldId id, AreaId area, LocalDate effectiveDate, Instant reservedAt, Instant? expiresAt,
        string description, string idempotencyKey, IEnumerable<HoldLeg> legs)
    {
        Id = id;
        Area = area;
        EffectiveDate = effectiveDate;
        ReservedAt = reservedAt;
        ExpiresAt = expiresAt;
        Description = description;
        IdempotencyKey = idempotencyKey;
        Status = HoldStatus.Open;
        _legs.AddRange(legs);
        Amount = _legs.Sum(l => l.Amount);
    }

    /// <summary>The hold's id.</summary>
    public HoldId Id { get; private set; }

    /// <summary>The area of every account the hold touches.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The business date of the commitment (e.g. the order date).</summary>
    public LocalDate EffectiveDate { get; private set; }

    /// <summary>When the money was reserved.</summary>
    public Instant ReservedAt { get; private set; }

    /// <summary>When an unresolved hold may be expired; null for no expiry.</summary>
    public Instant? ExpiresAt { get; private set; }

    /// <summary>What the commitment is for.</summary>
    public string Description { get; private set; }

    /// <summary>The idempotency key of the request that reserved it.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>Where the hold is in its life.</summary>
    public HoldStatus Status { get; private set; }

    /// <summary>The total reserved, in pence.</summary>
    public long Amount { get; private set; }

    /// <summary>The total posted when it was settled, in pence (zero unless <see cref="HoldStatus.Posted"/>).</summary>
    public long PostedAmount { get; private set; }

    /// <summary>When it left <see cref="HoldStatus.Open"/>.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>The entry that posted it, when posted.</summary>
    public JournalEntryId? SettlementEntry { get; private set; }

    /// <summary>Bumped on every change; the database refuses a stale write (a second line of defence).</summary>
    public int Version { get; private set; }

    /// <summary>The legs, one per account debited.</summary>
    public IReadOnlyList<HoldLeg> Legs => _legs;

    /// <summary>True when <paramref name="now"/> is at or past the expiry time.</summary>
    public bool HasExpiredBy(Instant now) => ExpiresAt is { } at && now >= at;

    internal void MarkPosted(Instant now, JournalEntryId entry, IReadOnlyList<long> postedPerLeg)
    {
        EnsureOpen();
        for (var i = 0; i < _legs.Count; i++)
        {
            _legs[i].MarkPosted(postedPerLeg[i]);
        }

        PostedAmount = postedPerLeg.Sum();
        Resolve(HoldStatus.Posted, now);
        SettlementEntry = entry;
    }

    internal void MarkReleased(HoldStatus status, Instant now)
    {
        EnsureOpen();
        Resolve(status, now);
    }

    private void Resolve(HoldStatus status, Instant now)
    {
        Status = status;
        ResolvedAt = now;
        Version++;
    }

    private void EnsureOpen()
    {
        if (Status != HoldStatus.Open)
        {
            throw new InvalidOperationException($"Hold {Id} is already {Status}.");
        }
    }
}

/// <summary>One leg of a hold: money reserved on <see cref="From"/>, to be paid to <see cref="To"/>, in one stream.</summary>
public sealed class HoldLeg
{
    private HoldLeg()
    {
    }

    internal HoldLeg(HoldId hold, int leg, AccountId from, AccountId to, FundingStreamId stream, long amount)
    {
        Hold = hold;
        Leg = leg;
        From = from;
        To = to;
        Stream = stream;
        Amount = amount;
    }

    /// <summary>The hold this leg belongs to.</summary>
    public HoldId Hold { get; private set; }

    /// <summary>The leg number, from 1.</summary>
    public int Leg { get; private set; }

    /// <summary>The account the money is reserved on and, when posted, debited.</summary>
    public AccountId From { get; private set; }

    /// <summary>The account credited when the hold is posted.</summary>
    public AccountId To { get; private set; }

    /// <summary>The funding stream of both accounts.</summary>
    public FundingStreamId Stream { get; private set; }

    /// <summary>Pence reserved.</summary>
    public long Amount { get; private set; }

    /// <summary>Pence posted when the hold was settled.</summary>
    public long Posted { get; private set; }

    internal void MarkPosted(long posted) => Posted = posted;
}
