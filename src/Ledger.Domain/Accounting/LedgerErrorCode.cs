namespace Ledger.Domain.Accounting;

/// <summary>
/// The closed set of reasons the ledger refuses a request. The names are stable codes: they are
/// stored, returned by the API and named in documentation, so never rename one.
/// </summary>
public enum LedgerErrorCode
{
    /// <summary>The request is malformed (missing key or description, a line without an account, too long a text).</summary>
    InvalidRequest,

    /// <summary>An amount is zero or negative where a positive amount is required.</summary>
    InvalidAmount,

    /// <summary>An amount, or a balance it would produce, does not fit in the ledger's range.</summary>
    AmountOverflow,

    /// <summary>An entry's postings do not sum to zero for some funding stream (R23).</summary>
    EntryUnbalanced,

    /// <summary>An account named by the request does not exist.</summary>
    UnknownAccount,

    /// <summary>The accounts of one request belong to different areas (R1).</summary>
    CrossArea,

    /// <summary>The two sides of a hold leg are in different funding streams.</summary>
    StreamMismatch,

    /// <summary>The effective date falls in a closed accounting period (R27).</summary>
    PeriodClosed,

    /// <summary>A guarded account (a budget, pool or payable) would go below zero available (R26).</summary>
    InsufficientFunds,

    /// <summary>The hold named does not exist.</summary>
    UnknownHold,

    /// <summary>The hold has already been posted, voided or expired (R9).</summary>
    HoldAlreadyResolved,

    /// <summary>More was asked to be posted than the hold reserved.</summary>
    ExceedsHold,

    /// <summary>The hold's expiry time has passed; it can only be expired now.</summary>
    HoldExpired,

    /// <summary>The hold cannot be expired before its expiry time.</summary>
    HoldNotYetExpired,

    /// <summary>The entry named for reversal does not exist.</summary>
    UnknownEntry,

    /// <summary>The entry has already been reversed, or is itself a reversal.</summary>
    EntryNotReversible,

    /// <summary>The idempotency key was used before for a different request (R25).</summary>
    IdempotencyConflict,
}

/// <summary>A refusal: a stable <see cref="Code"/> and a message for people.</summary>
/// <param name="Code">The stable reason.</param>
/// <param name="Message">What went wrong, in words; never contains personal details.</param>
public sealed record LedgerError(LedgerErrorCode Code, string Message)
{
    /// <summary>
    /// True when the refusal depends on the state of the ledger at the time (funds, periods, holds)
    /// rather than on the shape of the request. Such refusals are remembered against the
    /// idempotency key, so a retry gets the same answer even if the state has since changed (R25).
    /// </summary>
    public bool IsStateDependent => Code is LedgerErrorCode.PeriodClosed or LedgerErrorCode.InsufficientFunds
        or LedgerErrorCode.HoldAlreadyResolved or LedgerErrorCode.HoldExpired or LedgerErrorCode.HoldNotYetExpired
        or LedgerErrorCode.EntryNotReversible or LedgerErrorCode.ExceedsHold or LedgerErrorCode.AmountOverflow;
}
