using Ledger.Domain;
using Ledger.Domain.Accounting;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// One link of an area's hash chain: a committed journal entry, the SHA-256 of its canonical text
/// (<see cref="JournalHashes.EntryHash"/>) and the chain hash up to and including it. Written by
/// <see cref="JournalSealer"/>, never by the posting engine, and never changed.
/// </summary>
public sealed class JournalSeal
{
    private JournalSeal()
    {
        EntryHash = string.Empty;
        ChainHash = string.Empty;
    }

    internal JournalSeal(AreaId area, long sequence, JournalEntryId entry, Instant recordedAt, string entryHash, string chainHash, Instant sealedAt)
    {
        Area = area;
        Sequence = sequence;
        Entry = entry;
        RecordedAt = recordedAt;
        EntryHash = entryHash;
        ChainHash = chainHash;
        SealedAt = sealedAt;
    }

    /// <summary>The area whose chain this link belongs to.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The link's place in the area's chain: 1, 2, 3… with no gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>The sealed entry.</summary>
    public JournalEntryId Entry { get; private set; }

    /// <summary>The entry's recorded-at instant when sealed (the chain is sealed in this order, so an unsealed entry older than the head was not there when it was sealed).</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>SHA-256 (lower-case hex) of the entry's canonical text.</summary>
    public string EntryHash { get; private set; }

    /// <summary>SHA-256 (lower-case hex) of the previous link's chain hash followed by <see cref="EntryHash"/>.</summary>
    public string ChainHash { get; private set; }

    /// <summary>When the link was written.</summary>
    public Instant SealedAt { get; private set; }
}

/// <summary>How journal entries are sealed: the configuration section <c>Ledger:Sealing</c>.</summary>
public sealed class SealOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger:Sealing";

    /// <summary>
    /// Only entries recorded at least this long ago are sealed, so an entry whose transaction was still
    /// committing when the sealer ran (recorded earlier than entries already sealed) is not mistaken for
    /// one inserted behind the ledger's back. It must exceed the longest posting transaction. Default: 5 minutes.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries sealed per transaction. Default: 1,000.</summary>
    public int BatchSize { get; set; } = 1_000;
}
