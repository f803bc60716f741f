using NodaTime;

namespace Ledger.Domain.Accounting;

/// <summary>
/// One line of a journal entry as written: the account, its stream, the signed amount (debits
/// positive, credits negative) and the balance and version it left the account at. Postings are
/// never changed; a correction is a reversing entry (R23).
/// </summary>
public sealed class Posting
{
    private Posting()
    {
    }

    internal Posting(JournalEntryId entry, int line, AccountId account, FundingStreamId stream, long amount,
        long resultingBalance, long accountVersion, LocalDate effectiveDate, Instant recordedAt)
    {
        Entry = entry;
        Line = line;
        Account = account;
        Stream = stream;
        Amount = amount;
        ResultingBalance = resultingBalance;
        AccountVersion = accountVersion;
        EffectiveDate = effectiveDate;
        RecordedAt = recordedAt;
    }

    /// <summary>The entry this posting belongs to.</summary>
    public JournalEntryId Entry { get; private set; }

    /// <summary>The line number within the entry, from 1.</summary>
    public int Line { get; private set; }

    /// <summary>The account posted to.</summary>
    public AccountId Account { get; private set; }

    /// <summary>The funding stream of the account (kept on the posting so sums per stream need no join).</summary>
    public FundingStreamId Stream { get; private set; }

    /// <summary>Pence, debits positive and credits negative.</summary>
    public long Amount { get; private set; }

    /// <summary>The account's normal-side balance just after this posting.</summary>
    public long ResultingBalance { get; private set; }

    /// <summary>The account's version just after this posting (1 for its first).</summary>
    public long AccountVersion { get; private set; }

    /// <summary>The business date (copied from the entry for range scans).</summary>
    public LocalDate EffectiveDate { get; private set; }

    /// <summary>When the ledger wrote it (copied from the entry for range scans).</summary>
    public Instant RecordedAt { get; private set; }
}
