namespace Ledger.Domain.Budgets;

/// <summary>
/// Stable codes for refusals in streams, pools, people, assessments, allocations, year end and
/// purchasing. The names are the codes: never rename one.
/// </summary>
public enum BudgetErrorCode
{
    /// <summary>The request is malformed (a missing or too long field, an invalid code).</summary>
    InvalidRequest,

    /// <summary>A code is already used in the area.</summary>
    DuplicateCode,

    /// <summary>The area named does not exist.</summary>
    UnknownArea,

    /// <summary>The agency named does not exist in the area.</summary>
    UnknownAgency,

    /// <summary>The funding stream named does not exist in the area.</summary>
    UnknownStream,

    /// <summary>The pool named does not exist in the area.</summary>
    UnknownPool,

    /// <summary>The child or family named does not exist in the area.</summary>
    UnknownSubject,

    /// <summary>The practitioner named does not exist in the area, or has the wrong role.</summary>
    UnknownPractitioner,

    /// <summary>The assessment or budget named does not exist.</summary>
    UnknownAssessment,

    /// <summary>An amount is zero or negative.</summary>
    InvalidAmount,

    /// <summary>An assessment has negative points or factors.</summary>
    NegativePoints,

    /// <summary>A final amount was set without a reason.</summary>
    ReasonRequired,

    /// <summary>No stream of the pool may pay for this client group (R2 restrictions).</summary>
    ClientGroupNotAllowed,

    /// <summary>The pool's allowed streams do not hold enough available money.</summary>
    InsufficientPoolFunds,

    /// <summary>The stream's financial year has been closed by year-end processing.</summary>
    FinancialYearClosed,

    /// <summary>A date falls outside the stream's or pool's financial year.</summary>
    OutsideFinancialYear,

    /// <summary>The stream is in another financial year than the pool.</summary>
    YearMismatch,

    /// <summary>A broker-held budget was set up without a broker, or another holder rule was broken.</summary>
    HolderRequired,

    /// <summary>The ledger refused the posting (the inner ledger code is in the message).</summary>
    LedgerRefused,

    /// <summary>The lead professional named as holder does not have the child or family on their caseload.</summary>
    NotOnCaseload,

    /// <summary>
    /// The child's (or lead professional's) budget for the year already exists with another pool, client
    /// group, holder or mode; money is not mixed into it on different terms.
    /// </summary>
    BudgetTermsDiffer,

    /// <summary>The provider named does not exist in the area.</summary>
    UnknownProvider,

    /// <summary>The provider is suspended and cannot receive new orders (R7).</summary>
    ProviderSuspended,

    /// <summary>Bank details are missing or malformed (sort code six digits, account number eight).</summary>
    InvalidBankDetails,

    /// <summary>The catalogue entry named does not exist in the area, or is withdrawn (R8).</summary>
    UnknownService,

    /// <summary>The budget named does not exist in the area.</summary>
    UnknownBudget,

    /// <summary>The purchase order named does not exist in the area.</summary>
    UnknownOrder,

    /// <summary>No stream of the budget may pay for the service category (R10).</summary>
    CategoryNotAllowed,

    /// <summary>The budget's streams that may pay do not hold enough available money (R26).</summary>
    InsufficientFunds,

    /// <summary>A quantity or number of units is zero, negative or too large.</summary>
    InvalidQuantity,

    /// <summary>The practitioner may not order from this budget, or for this child or family.</summary>
    NotPermitted,

    /// <summary>The lead professional who asked for an order cannot approve it (R11).</summary>
    SelfApproval,

    /// <summary>The order is not waiting for a decision (already decided, cancelled or invoiced).</summary>
    NotAwaitingApproval,

    /// <summary>A panel decision needs a panel reference (R11).</summary>
    PanelReferenceRequired,

    /// <summary>The order was cancelled, rejected or expired; it cannot be invoiced or started.</summary>
    OrderClosed,

    /// <summary>The order is waiting for approval; the provider may not deliver or invoice yet.</summary>
    OrderNotApproved,

    /// <summary>The invoice is for more units than were ordered (R13).</summary>
    UnitsExceedOrder,

    /// <summary>The provider's invoice number was already settled (R13).</summary>
    DuplicateInvoice,

    /// <summary>The order already has an invoice settled against it; a hold resolves once (R9).</summary>
    OrderAlreadyInvoiced,

    /// <summary>The provider has not confirmed that the service started (R12).</summary>
    DeliveryNotConfirmed,

    /// <summary>Dates are out of order: need identified, ordered, service started (R12).</summary>
    InvalidDates,

    /// <summary>A payment run for the area is unfinished; finish it before starting another.</summary>
    PaymentRunInProgress,

    /// <summary>The accounting period of the date given is closed (R27); use a date in an open period.</summary>
    PeriodClosed,

    /// <summary>A rate card's prices, weights, shares, dates or window do not make sense (R15–R19).</summary>
    InvalidRateCard,

    /// <summary>The outcome is not priced on the card that applies.</summary>
    OutcomeNotOnCard,

    /// <summary>The outcome (or sustainment) has already been paid for this person (R17, R20).</summary>
    OutcomeAlreadyPaid,

    /// <summary>The outcome excludes one already paid for this person (exclusive stacking, R17).</summary>
    ExcludedCombination,

    /// <summary>A cap has been reached: nothing more is payable (R17).</summary>
    OverCap,

    /// <summary>There is no payment-by-results contract with that code in the area.</summary>
    UnknownContract,

    /// <summary>The outcome is not in the outcome catalogue (R14).</summary>
    UnknownOutcome,

    /// <summary>No rate card applies to the contract, cohort and date (R15).</summary>
    NoRateCard,

    /// <summary>Another card for the same contract and cohort applies on some of the same days (R15).</summary>
    RateCardOverlap,

    /// <summary>The child or family is already enrolled on the contract.</summary>
    AlreadyEnrolled,

    /// <summary>The child or family is not enrolled on the contract (R20).</summary>
    NotEnrolled,

    /// <summary>The person does not meet the outcome's eligibility guards, e.g. age at enrolment (R14).</summary>
    NotEligible,

    /// <summary>The claim is before its earliest date, after its deadline or after the programme's cut-off (R18).</summary>
    OutsideClaimWindow,

    /// <summary>Evidence the outcome requires has not been attached (R20).</summary>
    EvidenceMissing,

    /// <summary>The evidence file is larger than allowed.</summary>
    EvidenceTooLarge,

    /// <summary>The evidence file is not of an allowed type, or its content does not match its type.</summary>
    EvidenceTypeNotAllowed,

    /// <summary>Another family member started the same problem before the claim: the family result is void (R21).</summary>
    WholeFamilyVoid,

    /// <summary>There is no claim with that reference.</summary>
    UnknownClaim,

    /// <summary>The claim is not in a state that allows this step (R20).</summary>
    ClaimNotInState,

    /// <summary>The assurance sample's parameters do not make sense (R21).</summary>
    InvalidSample,

    /// <summary>The claim is not in that assurance sample (R21).</summary>
    UnknownSpotCheck,

    /// <summary>The API's Idempotency-Key was already used for a different request (R25).</summary>
    IdempotencyKeyReused,

    /// <summary>The first request with this Idempotency-Key is still running (R25).</summary>
    IdempotencyKeyInFlight,

    /// <summary>The user named does not exist (or is not one the administrator may see).</summary>
    UnknownUser,

    /// <summary>The API token named does not exist.</summary>
    UnknownApiToken,

    /// <summary>There is no assurance sample with that reference (that the user may see).</summary>
    UnknownSample,
}

/// <summary>A refusal with a stable code and a message for people (no personal details).</summary>
/// <param name="Code">The stable reason.</param>
/// <param name="Message">What went wrong.</param>
public sealed record BudgetError(BudgetErrorCode Code, string Message);

/// <summary>A value, or the reason there is none. Expected failures are results, not exceptions.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly record struct Result<T>
{
    private Result(T? value, BudgetError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>The refusal when not <see cref="Succeeded"/>.</summary>
    public BudgetError? Error { get; }

    /// <summary>True when there is a value.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Result<T> Fail(BudgetErrorCode code, string message) => new(default, new BudgetError(code, message));

    /// <summary>A refusal carried over from another result.</summary>
    public static Result<T> Fail(BudgetError error) => new(default, error);

    /// <summary>A success from a value.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>A refusal from an error.</summary>
    public static implicit operator Result<T>(BudgetError error) => Fail(error);
}
