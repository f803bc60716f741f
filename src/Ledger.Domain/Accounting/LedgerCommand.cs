using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Domain.Accounting;

/// <summary>
/// A request to move money. Every request carries an idempotency key (R25); the ledger keeps the
/// key with a hash of the request's canonical form, so a replay gets the first answer and a
/// different request under the same key is refused.
/// </summary>
public abstract record LedgerCommand(string IdempotencyKey)
{
    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>The request's name, e.g. "PostEntry".</summary>
    public string Operation => GetType().Name;

    /// <summary>SHA-256 (hex) of the canonical form: equal for equal requests, whatever the key.</summary>
    public string RequestHash()
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Operation + "|" + Canonical()));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The request's content as text in a fixed order, without the key.</summary>
    protected abstract string Canonical();

    /// <summary>Formats a date for <see cref="Canonical"/>.</summary>
    protected static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Formats a number for <see cref="Canonical"/>.</summary>
    protected static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Posts a journal entry made of debit and credit lines.</summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="EffectiveDate">The business date the entry counts on.</param>
/// <param name="Description">What the entry is for (no personal details).</param>
/// <param name="Lines">At least two lines that balance per funding stream; applied in order.</param>
/// <param name="Kind">What the entry records (for grouping in statements).</param>
public sealed record PostEntry(string IdempotencyKey, LocalDate EffectiveDate, string Description, IReadOnlyList<JournalLine> Lines,
    EntryKind Kind = EntryKind.General)
    : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() =>
        $"{Iso(EffectiveDate)}|{Description}|{Kind}|" + string.Join(';', (Lines ?? []).Select(l => $"{l?.Side}:{l?.Account}:{Num(l?.Amount.Pence ?? 0)}"));
}

/// <summary>One leg of a requested hold: reserve <paramref name="Amount"/> on <paramref name="From"/>, payable to <paramref name="To"/>.</summary>
/// <param name="From">The account to reserve on (usually a budget).</param>
/// <param name="To">The account to credit when posted; same funding stream as <paramref name="From"/>.</param>
/// <param name="Amount">A positive amount.</param>
public sealed record HoldLegRequest(AccountId From, AccountId To, Money Amount);

/// <summary>Reserves money (a commitment) that counts against available at once (R9).</summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="EffectiveDate">The business date of the commitment.</param>
/// <param name="Description">What the commitment is for.</param>
/// <param name="Legs">One leg per account debited; at least one.</param>
/// <param name="ExpiresAt">When an unresolved hold may be expired; null for never.</param>
public sealed record ReserveHold(string IdempotencyKey, LocalDate EffectiveDate, string Description,
    IReadOnlyList<HoldLegRequest> Legs, Instant? ExpiresAt) : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() =>
        $"{Iso(EffectiveDate)}|{Description}|{(ExpiresAt is { } e ? InstantPattern.ExtendedIso.Format(e) : "-")}|"
        + string.Join(';', (Legs ?? []).Select(l => $"{l?.From}>{l?.To}:{Num(l?.Amount.Pence ?? 0)}"));
}

/// <summary>An account a split hold may draw on: reserve on <paramref name="From"/>, payable to <paramref name="To"/> in the same stream.</summary>
/// <param name="From">The account to reserve on (a budget's account in one stream).</param>
/// <param name="To">The account to credit when posted, in the same stream.</param>
/// <param name="Restricted">True when the stream is restricted (drawn on first under <see cref="Budgets.SplitPolicy.RestrictedFirst"/>).</param>
public sealed record SplitCandidate(AccountId From, AccountId To, bool Restricted);

/// <summary>
/// Reserves <paramref name="Amount"/> split across the candidate accounts by <paramref name="Policy"/>
/// (R10), deciding the split from what each candidate has available at the moment the accounts are
/// locked — so concurrent requests never pick a stream another has just emptied. Exact to the penny;
/// refused with <see cref="LedgerErrorCode.InsufficientFunds"/> only when the candidates together hold too little.
/// </summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="EffectiveDate">The business date of the commitment.</param>
/// <param name="Description">What the commitment is for.</param>
/// <param name="Amount">The total to reserve.</param>
/// <param name="Candidates">The accounts that may pay, one per stream.</param>
/// <param name="Policy">Restricted streams first, or pro rata to what each has available.</param>
/// <param name="ExpiresAt">When an unresolved hold may be expired; null for never.</param>
public sealed record ReserveSplitHold(string IdempotencyKey, LocalDate EffectiveDate, string Description, Money Amount,
    IReadOnlyList<SplitCandidate> Candidates, Budgets.SplitPolicy Policy, Instant? ExpiresAt) : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() =>
        $"{Iso(EffectiveDate)}|{Description}|{Num(Amount.Pence)}|{Policy}|{(ExpiresAt is { } e ? InstantPattern.ExtendedIso.Format(e) : "-")}|"
        + string.Join(';', (Candidates ?? []).Select(c => $"{c?.From}>{c?.To}:{c?.Restricted}"));
}

/// <summary>
/// Posts an open hold in full (<paramref name="Amount"/> null) or in part; the remainder is released
/// to the accounts it was reserved on. A part is split across the legs in proportion to what each
/// reserved, exactly to the penny.
/// </summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="Hold">The hold to post.</param>
/// <param name="EffectiveDate">The business date of the settlement.</param>
/// <param name="Description">What the settlement is for.</param>
/// <param name="Amount">How much to post; null for all of it.</param>
public sealed record PostHold(string IdempotencyKey, HoldId Hold, LocalDate EffectiveDate, string Description, Money? Amount = null)
    : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() =>
        $"{Hold}|{Iso(EffectiveDate)}|{Description}|{(Amount is { } a ? Num(a.Pence) : "all")}";
}

/// <summary>Cancels an open hold, releasing all of it.</summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="Hold">The hold to void.</param>
public sealed record VoidHold(string IdempotencyKey, HoldId Hold) : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() => Hold.ToString();
}

/// <summary>Expires an open hold whose expiry time has passed, releasing all of it.</summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="Hold">The hold to expire.</param>
public sealed record ExpireHold(string IdempotencyKey, HoldId Hold) : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() => Hold.ToString();
}

/// <summary>Corrects an entry by posting its exact opposite, linked to it (R23). An entry is reversed at most once.</summary>
/// <param name="IdempotencyKey">The caller's key for this request.</param>
/// <param name="Entry">The entry to reverse.</param>
/// <param name="EffectiveDate">The business date of the correction (in an open period).</param>
/// <param name="Reason">Why it is reversed.</param>
public sealed record ReverseEntry(string IdempotencyKey, JournalEntryId Entry, LocalDate EffectiveDate, string Reason)
    : LedgerCommand(IdempotencyKey)
{
    /// <inheritdoc />
    protected override string Canonical() => $"{Entry}|{Iso(EffectiveDate)}|{Reason}";
}

/// <summary>The ledger's answer to one request.</summary>
/// <param name="IdempotencyKey">The request's key.</param>
/// <param name="Error">The refusal, or null when the request succeeded.</param>
/// <param name="Entry">The entry written (PostEntry, PostHold, ReverseEntry).</param>
/// <param name="Hold">The hold reserved or resolved.</param>
/// <param name="Replayed">True when this is the remembered answer to an earlier identical request.</param>
/// <param name="PostingsWritten">Postings this call wrote (zero for a replay, a refusal or a hold that posts nothing).</param>
public sealed record LedgerOutcome(string IdempotencyKey, LedgerError? Error, JournalEntryId? Entry, HoldId? Hold, bool Replayed = false,
    int PostingsWritten = 0)
{
    /// <summary>True when the request succeeded (now or the first time).</summary>
    public bool Succeeded => Error is null;

    /// <summary>A refusal.</summary>
    public static LedgerOutcome Refused(string key, LedgerErrorCode code, string message) => new(key, new LedgerError(code, message), null, null);
}
