using NodaTime;

namespace Ledger.Domain.Accounting;

/// <summary>
/// What the ledger answered to a request with a given idempotency key, kept for ever (R25): the
/// hash of the request, and either the result or the state-dependent refusal.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
        Key = string.Empty;
        RequestHash = string.Empty;
        Operation = string.Empty;
    }

    internal IdempotencyRecord(string key, string requestHash, string operation, Instant recordedAt,
        LedgerError? error, JournalEntryId? entry, HoldId? hold)
    {
        Key = key;
        RequestHash = requestHash;
        Operation = operation;
        RecordedAt = recordedAt;
        ErrorCode = error?.Code;
        ErrorMessage = error?.Message;
        Entry = entry;
        Hold = hold;
    }

    /// <summary>The caller's idempotency key.</summary>
    public string Key { get; private set; }

    /// <summary>SHA-256 of the request's canonical form, hex.</summary>
    public string RequestHash { get; private set; }

    /// <summary>The kind of request, e.g. "PostEntry".</summary>
    public string Operation { get; private set; }

    /// <summary>When the first answer was given.</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>The refusal, when the request was refused.</summary>
    public LedgerErrorCode? ErrorCode { get; private set; }

    /// <summary>The refusal's message.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The entry written, if any.</summary>
    public JournalEntryId? Entry { get; private set; }

    /// <summary>The hold reserved or resolved, if any.</summary>
    public HoldId? Hold { get; private set; }

    /// <summary>The answer to give again on a replay.</summary>
    public LedgerOutcome ToReplay() =>
        new(Key, ErrorCode is { } code ? new LedgerError(code, ErrorMessage ?? code.ToString()) : null, Entry, Hold, Replayed: true);
}

/// <summary>A month of an area's books that has been closed: nothing may be posted with an effective date in it (R27).</summary>
public sealed class PeriodClosure
{
    private PeriodClosure()
    {
    }

    /// <summary>Records that <paramref name="month"/> is closed for <paramref name="area"/>.</summary>
    public PeriodClosure(AreaId area, YearMonth month, Instant closedAt)
    {
        Area = area;
        Year = month.Year;
        Month = month.Month;
        ClosedAt = closedAt;
    }

    /// <summary>The area whose books are closed.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The calendar year of the closed month.</summary>
    public int Year { get; private set; }

    /// <summary>The closed month, 1–12.</summary>
    public int Month { get; private set; }

    /// <summary>When it was closed.</summary>
    public Instant ClosedAt { get; private set; }

    /// <summary>The closed month.</summary>
    public YearMonth Period => new(Year, Month);

    /// <summary>The first day of the closed month.</summary>
    public LocalDate FirstDay => Period.OnDayOfMonth(1);

    /// <summary>The last day of the closed month.</summary>
    public LocalDate LastDay => Period.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(Year, Month));
}
