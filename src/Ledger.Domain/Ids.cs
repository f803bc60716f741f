namespace Ledger.Domain;

/// <summary>Identifies an <see cref="Area"/> (a local authority or partnership).</summary>
public readonly record struct AreaId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AreaId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a funding stream: one agency's money for one financial year.</summary>
public readonly record struct FundingStreamId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static FundingStreamId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a ledger account.</summary>
public readonly record struct AccountId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AccountId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a journal entry.</summary>
public readonly record struct JournalEntryId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static JournalEntryId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a hold (a commitment of money not yet spent).</summary>
public readonly record struct HoldId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static HoldId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a partner agency.</summary>
public readonly record struct AgencyId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AgencyId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a pooled budget.</summary>
public readonly record struct PoolId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static PoolId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an individual or lead-professional budget.</summary>
public readonly record struct BudgetId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static BudgetId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an assessment of need.</summary>
public readonly record struct AssessmentId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AssessmentId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an allocation from a pool to a budget.</summary>
public readonly record struct AllocationId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AllocationId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a practitioner (lead professional, broker or budget holder).</summary>
public readonly record struct PractitionerId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static PractitionerId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a child or a family (household).</summary>
public readonly record struct SubjectId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static SubjectId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a provider of services (R7).</summary>
public readonly record struct ProviderId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static ProviderId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an entry in the service catalogue (R8).</summary>
public readonly record struct ServiceItemId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static ServiceItemId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a purchase order (R9).</summary>
public readonly record struct PurchaseOrderId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static PurchaseOrderId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a provider's invoice against an order (R13).</summary>
public readonly record struct InvoiceId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static InvoiceId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a payment run (R13).</summary>
public readonly record struct PaymentRunId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static PaymentRunId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a payment-by-results contract with a provider (R15).</summary>
public readonly record struct OutcomeContractId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static OutcomeContractId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a child's or family's enrolment on a payment-by-results contract.</summary>
public readonly record struct EnrolmentId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static EnrolmentId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an outcome claim (R20).</summary>
public readonly record struct OutcomeClaimId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static OutcomeClaimId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an evidence file attached to a claim (R20).</summary>
public readonly record struct EvidenceFileId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static EvidenceFileId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an assurance sample of claims (R21).</summary>
public readonly record struct AssuranceSampleId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AssuranceSampleId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a recorded recurrence of a problem for a family member (the whole-family rule, R21).</summary>
public readonly record struct ProblemRecurrenceId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static ProblemRecurrenceId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
