using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Outcomes;

/// <summary>
/// A payment-by-results contract with one provider (R15). Its code is the contract the rate cards
/// name; which card prices an enrolment is chosen by the contract, the cohort and the enrolment date.
/// Payments are drawn from the pool it names, each co-payer's share from that payer's stream (R19).
/// </summary>
public sealed class OutcomeContract
{
    private OutcomeContract()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    /// <summary>The contract's id.</summary>
    public OutcomeContractId Id { get; private set; }

    /// <summary>The area commissioning it.</summary>
    public AreaId Area { get; private set; }

    /// <summary>Its code, e.g. "TF-2012"; rate cards name it as their contract.</summary>
    public string Code { get; private set; }

    /// <summary>Its name.</summary>
    public string Name { get; private set; }

    /// <summary>The provider paid for results.</summary>
    public ProviderId Provider { get; private set; }

    /// <summary>The pool outcome payments are drawn from.</summary>
    public PoolId Pool { get; private set; }

    /// <summary>The first day people may be enrolled.</summary>
    public LocalDate StartsOn { get; private set; }

    /// <summary>The last day people may be enrolled, if it ends.</summary>
    public LocalDate? EndsOn { get; private set; }

    /// <summary>When it was recorded.</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>Changes whenever a claim under the contract is approved, so approvals that read the same caps are serialised (R17).</summary>
    public int Version { get; private set; }

    /// <summary>Marks an approval under the contract: a concurrent approval that read the old version is refused and quotes again.</summary>
    public void Touch() => Version++;

    /// <summary>Creates a contract.</summary>
    public static Result<OutcomeContract> Create(OutcomeContractId id, AreaId area, string code, string name, ProviderId provider, PoolId pool,
        LocalDate startsOn, LocalDate? endsOn, Instant now)
    {
        if (!Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return Result<OutcomeContract>.Fail(BudgetErrorCode.InvalidRequest, "A contract needs a valid code and a name of up to 200 characters.");
        }

        return endsOn < startsOn
            ? Result<OutcomeContract>.Fail(BudgetErrorCode.InvalidDates, $"Contract {code} cannot end before it starts.")
            : new OutcomeContract { Id = id, Area = area, Code = code, Name = name.Trim(), Provider = provider, Pool = pool, StartsOn = startsOn, EndsOn = endsOn, RecordedAt = now };
    }

    /// <summary>True when people may be enrolled on <paramref name="day"/>.</summary>
    public bool Enrols(LocalDate day) => day >= StartsOn && (EndsOn is null || day <= EndsOn);
}

/// <summary>
/// A child or a family enrolled on a contract: the cohort, the card that prices them (fixed at
/// enrolment, so a later card does not reprice them), their age and the difficulty factors (R16).
/// </summary>
public sealed class Enrolment
{
    private Enrolment()
    {
        Card = string.Empty;
        IdempotencyKey = string.Empty;
        Factors = DifficultyFactors.None;
    }

    /// <summary>The enrolment's id.</summary>
    public EnrolmentId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The contract.</summary>
    public OutcomeContractId Contract { get; private set; }

    /// <summary>The child or family enrolled.</summary>
    public SubjectId Subject { get; private set; }

    /// <summary>The cohort, e.g. the year of enrolment.</summary>
    public int Cohort { get; private set; }

    /// <summary>The code of the rate card that prices this enrolment.</summary>
    public string Card { get; private set; }

    /// <summary>The card's version.</summary>
    public int CardVersion { get; private set; }

    /// <summary>The date of enrolment.</summary>
    public LocalDate EnrolledOn { get; private set; }

    /// <summary>The child's age in whole years on that date, if known (the eligibility guards use it, R14).</summary>
    public int? AgeAtEnrolment { get; private set; }

    /// <summary>The difficulty factors recorded at enrolment (R16).</summary>
    public DifficultyFactors Factors { get; private set; }

    /// <summary>The request's idempotency key.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>When it was recorded.</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>Changes whenever a claim for this person is approved, so two approvals cannot both pass a per-person cap (R17).</summary>
    public int Version { get; private set; }

    /// <summary>Marks an approval for this person.</summary>
    public void Touch() => Version++;

    /// <summary>Enrols a child or family under <paramref name="card"/>.</summary>
    public static Result<Enrolment> Create(EnrolmentId id, OutcomeContract contract, SubjectId subject, RateCard card, LocalDate enrolledOn, int? ageAtEnrolment,
        DifficultyFactors factors, string key, Instant now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.YearsInCare < 0 || factors.RiskFactors < 0 || factors.DisabilitySeverity is < 0 or > 3 || factors.PreviousExclusions < 0 || ageAtEnrolment is < 0 or > 25)
        {
            return Result<Enrolment>.Fail(BudgetErrorCode.InvalidRequest, "Difficulty factors cannot be negative, disability severity is 0–3 and an age is 0–25.");
        }

        if (!contract.Enrols(enrolledOn))
        {
            return Result<Enrolment>.Fail(BudgetErrorCode.InvalidDates, $"Contract {contract.Code} does not enrol on {enrolledOn:uuuu-MM-dd}.");
        }

        return new Enrolment
        {
            Id = id, Area = contract.Area, Contract = contract.Id, Subject = subject, Cohort = card.Cohort, Card = card.Code, CardVersion = card.Version,
            EnrolledOn = enrolledOn, AgeAtEnrolment = ageAtEnrolment, Factors = factors, IdempotencyKey = key, RecordedAt = now,
        };
    }
}

/// <summary>
/// A problem starting again for a member of a family (R21, whole-family rule): a family result for the
/// same outcome is void if a member starts the same problem between the result and the claim.
/// </summary>
public sealed class ProblemRecurrence
{
    private ProblemRecurrence()
    {
        Outcome = string.Empty;
        Note = string.Empty;
    }

    /// <summary>The record's id.</summary>
    public ProblemRecurrenceId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The child (a family member) the problem started for.</summary>
    public SubjectId Child { get; private set; }

    /// <summary>The outcome whose problem started again (e.g. a new ASB incident for "no anti-social behaviour").</summary>
    public string Outcome { get; private set; }

    /// <summary>The day it started.</summary>
    public LocalDate OccurredOn { get; private set; }

    /// <summary>A short note (no personal details).</summary>
    public string Note { get; private set; }

    /// <summary>When it was recorded.</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>Records a recurrence.</summary>
    public static Result<ProblemRecurrence> Record(ProblemRecurrenceId id, AreaId area, SubjectId child, string outcome, LocalDate occurredOn, string? note, Instant now) =>
        !Domain.Code.IsValid(outcome) || (note?.Length ?? 0) > 500
            ? Result<ProblemRecurrence>.Fail(BudgetErrorCode.InvalidRequest, "A recurrence needs an outcome code and a note of up to 500 characters.")
            : new ProblemRecurrence { Id = id, Area = area, Child = child, Outcome = outcome, OccurredOn = occurredOn, Note = note?.Trim() ?? string.Empty, RecordedAt = now };
}
