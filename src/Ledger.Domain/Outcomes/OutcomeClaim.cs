using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Outcomes;

/// <summary>Where a claim is in its lifecycle (R20, R21).</summary>
public enum ClaimStatus
{
    /// <summary>Being prepared by the provider; evidence may be attached.</summary>
    Draft,

    /// <summary>Submitted with its evidence and passed the automatic rules (eligibility, window, caps, stacking, not paid, evidence, whole family).</summary>
    Validated,

    /// <summary>Signed off by internal audit.</summary>
    SignedOff,

    /// <summary>Approved by a budget holder: the payment is owed to the provider and waits for the next payment run.</summary>
    Approved,

    /// <summary>Paid by a payment run.</summary>
    Paid,

    /// <summary>Refused, with a reason. Nothing was paid.</summary>
    Rejected,

    /// <summary>Found invalid at a spot check after approval: the payment is to be recovered in the provider's next payment run (R21).</summary>
    ClawbackPending,

    /// <summary>Recovered by a reversing entry (R21).</summary>
    ClawedBack,
}

/// <summary>What an evidence file shows, for the spot-check bundle (R21).</summary>
public enum EvidencePurpose
{
    /// <summary>That the person was eligible.</summary>
    Eligibility,

    /// <summary>That the work was done.</summary>
    Work,

    /// <summary>That the outcome was achieved.</summary>
    Outcome,
}

/// <summary>One payer's part of a claim's payment (R19): the stream it is drawn from.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Stream">The paying stream.</param>
/// <param name="Payer">The stream's code as the rate card names it.</param>
/// <param name="Amount">Pence.</param>
public sealed record OutcomeClaimShare(OutcomeClaimId Claim, FundingStreamId Stream, string Payer, long Amount);

/// <summary>
/// A claim for a payment-by-results payment (R20): an attachment fee on enrolment, an outcome achieved,
/// or a further sustainment payment. It records how its amount was computed, who did each step, and,
/// once approved, the ledger entry that made the payment owed and the run that paid it.
/// </summary>
public sealed class OutcomeClaim
{
    /// <summary>The longest reason or finding accepted.</summary>
    public const int MaxReasonLength = 500;

    private OutcomeClaim()
    {
        Reference = string.Empty;
        Working = string.Empty;
        CreatedBy = string.Empty;
        IdempotencyKey = string.Empty;
    }

    /// <summary>The claim's id.</summary>
    public OutcomeClaimId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A reference people can quote, e.g. "CLM-01J9ZK3Q7A".</summary>
    public string Reference { get; private set; }

    /// <summary>The contract.</summary>
    public OutcomeContractId Contract { get; private set; }

    /// <summary>The enrolment claimed for.</summary>
    public EnrolmentId Enrolment { get; private set; }

    /// <summary>The child or family.</summary>
    public SubjectId Subject { get; private set; }

    /// <summary>The provider paid.</summary>
    public ProviderId Provider { get; private set; }

    /// <summary>Attachment, outcome or sustainment.</summary>
    public PaymentKind Kind { get; private set; }

    /// <summary>The outcome's code; null for an attachment fee.</summary>
    public string? Outcome { get; private set; }

    /// <summary>For a sustainment: which payment of the series (1, 2, …).</summary>
    public int? Sustainment { get; private set; }

    /// <summary>The day the outcome was achieved (for an attachment fee, the enrolment date).</summary>
    public LocalDate AchievedOn { get; private set; }

    /// <summary>The day it was submitted.</summary>
    public LocalDate? ClaimedOn { get; private set; }

    /// <summary>Where it is.</summary>
    public ClaimStatus Status { get; private set; }

    /// <summary>What is (or was validated as) payable, in pence.</summary>
    public long Amount { get; private set; }

    /// <summary>How the amount was computed, one step per line (base tariff, weight, caps, shares).</summary>
    public string Working { get; private set; }

    /// <summary>Who created it (the provider's user or the system for an attachment fee).</summary>
    public string CreatedBy { get; private set; }

    /// <summary>Who signed it off for internal audit.</summary>
    public string? SignedOffBy { get; private set; }

    /// <summary>Who approved it.</summary>
    public string? ApprovedBy { get; private set; }

    /// <summary>The approval's business date: the effective date of the payment owed.</summary>
    public LocalDate? ApprovedOn { get; private set; }

    /// <summary>Why it was rejected, or why a spot check found it invalid.</summary>
    public string? Reason { get; private set; }

    /// <summary>The ledger entry that made the payment owed to the provider.</summary>
    public JournalEntryId? PayableEntry { get; private set; }

    /// <summary>The payment run that pays it.</summary>
    public PaymentRunId? PaymentRun { get; private set; }

    /// <summary>The payment run that recovers it, once found invalid.</summary>
    public PaymentRunId? ClawbackRun { get; private set; }

    /// <summary>The reversing entry that recovered it.</summary>
    public JournalEntryId? ClawbackEntry { get; private set; }

    /// <summary>The creating request's idempotency key.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>When it was created.</summary>
    public Instant CreatedAt { get; private set; }

    /// <summary>When it last changed.</summary>
    public Instant UpdatedAt { get; private set; }

    /// <summary>Changes with every step; a step that read an older version is refused.</summary>
    public int Version { get; private set; }

    /// <summary>True once a payment is owed or made for it (and not recovered).</summary>
    public bool CountsAsPaid => Status is ClaimStatus.Approved or ClaimStatus.Paid;

    /// <summary>True while it may still be paid: drafts do not count, rejected and recovered claims never will.</summary>
    public bool InFlight => Status is ClaimStatus.Validated or ClaimStatus.SignedOff or ClaimStatus.Approved or ClaimStatus.Paid;

    /// <summary>Starts a draft claim for an outcome or sustainment.</summary>
    public static Result<OutcomeClaim> Draft(OutcomeClaimId id, Enrolment enrolment, ProviderId provider, PaymentKind kind, string outcome, int? sustainment,
        LocalDate achievedOn, string createdBy, string key, Instant now)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        if (kind == PaymentKind.Attachment || !Enum.IsDefined(kind) || !Domain.Code.IsValid(outcome) || string.IsNullOrWhiteSpace(createdBy) || createdBy.Length > 100)
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidRequest, "A claim needs an outcome code, outcome or sustainment kind, and who made it.");
        }

        if ((kind == PaymentKind.Sustainment) != (sustainment is not null) || sustainment < 1)
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidRequest, "A sustainment claim says which payment of the series it is (from 1); an outcome claim does not.");
        }

        if (achievedOn < enrolment.EnrolledOn)
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidDates, $"The outcome cannot be achieved ({achievedOn:uuuu-MM-dd}) before enrolment ({enrolment.EnrolledOn:uuuu-MM-dd}).");
        }

        return New(id, enrolment, provider, kind, outcome, sustainment, achievedOn, createdBy.Trim(), key, now);
    }

    /// <summary>The attachment fee of an enrolment (R15): owed at once, no claim steps.</summary>
    public static OutcomeClaim Attachment(OutcomeClaimId id, Enrolment enrolment, ProviderId provider, TariffQuote quote, string by, string key, Instant now)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(quote);
        var claim = New(id, enrolment, provider, PaymentKind.Attachment, null, null, enrolment.EnrolledOn, by, key, now);
        claim.ClaimedOn = enrolment.EnrolledOn;
        claim.Status = ClaimStatus.Approved;
        claim.ApprovedBy = by;
        claim.ApprovedOn = enrolment.EnrolledOn;
        claim.Amount = quote.Payable.Pence;
        claim.Working = string.Join('\n', quote.Working);
        return claim;
    }

    /// <summary>Submits a draft that passed the automatic rules (<see cref="ClaimRules"/>) with the amount they priced.</summary>
    public BudgetError? Submit(LocalDate claimedOn, TariffQuote quote, Instant now)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (Status != ClaimStatus.Draft)
        {
            return NotIn("submitted", "a draft");
        }

        ClaimedOn = claimedOn;
        Amount = quote.Payable.Pence;
        Working = string.Join('\n', quote.Working);
        return Step(ClaimStatus.Validated, now);
    }

    /// <summary>Internal audit signs off a validated claim.</summary>
    public BudgetError? SignOff(string by, Instant now)
    {
        if (Status != ClaimStatus.Validated)
        {
            return NotIn("signed off", "validated");
        }

        if (string.IsNullOrWhiteSpace(by) || by.Length > 100)
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, "Say who signs the claim off (up to 100 characters).");
        }

        // Internal audit is independent of whoever made the claim.
        if (string.Equals(by.Trim(), CreatedBy, StringComparison.OrdinalIgnoreCase))
        {
            return new BudgetError(BudgetErrorCode.SelfApproval, "A claim is signed off by internal audit, not by the person who made it.");
        }

        SignedOffBy = by.Trim();
        return Step(ClaimStatus.SignedOff, now);
    }

    /// <summary>
    /// A budget holder approves a signed-off claim at the amount priced now (<paramref name="quote"/>:
    /// other claims may have used the cap since validation). The approver cannot be its auditor or creator.
    /// </summary>
    public BudgetError? Approve(string by, LocalDate approvedOn, TariffQuote quote, Instant now)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (Status != ClaimStatus.SignedOff)
        {
            return NotIn("approved", "signed off by internal audit");
        }

        if (string.IsNullOrWhiteSpace(by) || by.Length > 100)
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, "Say who approves the claim (up to 100 characters).");
        }

        if (string.Equals(by.Trim(), SignedOffBy, StringComparison.OrdinalIgnoreCase)
            || string.Equals(by.Trim(), CreatedBy, StringComparison.OrdinalIgnoreCase))
        {
            return new BudgetError(BudgetErrorCode.SelfApproval, "A claim is approved by someone other than its creator and the auditor who signed it off.");
        }

        if (approvedOn < ClaimedOn)
        {
            return new BudgetError(BudgetErrorCode.InvalidDates, "A claim cannot be approved before it was submitted.");
        }

        ApprovedBy = by.Trim();
        ApprovedOn = approvedOn;
        Amount = quote.Payable.Pence;
        Working = string.Join('\n', quote.Working);
        return Step(ClaimStatus.Approved, now);
    }

    /// <summary>Records the ledger entry that made the approved payment owed.</summary>
    public void Owed(JournalEntryId entry, Instant now)
    {
        PayableEntry = entry;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>
    /// The ledger refused to make an approved payment owed (the pool could not pay): an outcome claim goes
    /// back to signed off with the reason, an attachment fee is rejected. Only before any entry was posted.
    /// </summary>
    public BudgetError? ApprovalRefused(string reason, Instant now)
    {
        if (Status != ClaimStatus.Approved || PayableEntry is not null)
        {
            return NotIn("returned from approval", "an approved, unposted");
        }

        Reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        if (Kind == PaymentKind.Attachment)
        {
            return Step(ClaimStatus.Rejected, now);
        }

        ApprovedBy = null;
        ApprovedOn = null;
        return Step(ClaimStatus.SignedOff, now);
    }

    /// <summary>Rejects a claim not yet approved, with a reason. Nothing was paid.</summary>
    public BudgetError? Reject(string reason, Instant now)
    {
        if (Status is not (ClaimStatus.Draft or ClaimStatus.Validated or ClaimStatus.SignedOff))
        {
            return NotIn("rejected", "a draft, validated or signed off");
        }

        if (CheckReason(reason) is { } problem)
        {
            return problem;
        }

        Reason = reason.Trim();
        return Step(ClaimStatus.Rejected, now);
    }

    /// <summary>A spot check found an approved or paid claim invalid (R21): its payment is to be recovered.</summary>
    public BudgetError? FoundInvalid(string reason, Instant now)
    {
        if (Status is not (ClaimStatus.Approved or ClaimStatus.Paid) || PayableEntry is null)
        {
            return NotIn("clawed back", "approved or paid");
        }

        if (CheckReason(reason) is { } problem)
        {
            return problem;
        }

        Reason = reason.Trim();
        return Step(ClaimStatus.ClawbackPending, now);
    }

    /// <summary>Records the reversing entry that recovered it, and the run that netted it (none when it had not been paid).</summary>
    public BudgetError? Recovered(JournalEntryId reversal, PaymentRunId? run, Instant now)
    {
        if (Status != ClaimStatus.ClawbackPending)
        {
            return NotIn("recovered", "waiting for clawback");
        }

        ClawbackEntry = reversal;
        ClawbackRun = run;
        return Step(ClaimStatus.ClawedBack, now);
    }

    private static OutcomeClaim New(OutcomeClaimId id, Enrolment enrolment, ProviderId provider, PaymentKind kind, string? outcome, int? sustainment, LocalDate achievedOn,
        string by, string key, Instant now) => new()
        {
            Id = id, Area = enrolment.Area, Reference = ReferenceFor(id), Contract = enrolment.Contract, Enrolment = enrolment.Id, Subject = enrolment.Subject,
            Provider = provider, Kind = kind, Outcome = outcome, Sustainment = sustainment, AchievedOn = achievedOn, Status = ClaimStatus.Draft, CreatedBy = by,
            IdempotencyKey = key, CreatedAt = now, UpdatedAt = now,
        };

    // The id's random tail, so a reference reveals nothing and does not need a counter.
    private static string ReferenceFor(OutcomeClaimId id) => "CLM-" + id.Value.ToString("N")[^10..].ToUpperInvariant();

    private static BudgetError? CheckReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? new BudgetError(BudgetErrorCode.InvalidRequest, $"Give a reason of up to {MaxReasonLength} characters.")
            : null;

    private BudgetError? Step(ClaimStatus to, Instant now)
    {
        Status = to;
        UpdatedAt = now;
        Version++;
        return null;
    }

    private BudgetError NotIn(string step, string state) =>
        new(BudgetErrorCode.ClaimNotInState, $"Claim {Reference} is {Status}; only {state} claim can be {step}.");
}
