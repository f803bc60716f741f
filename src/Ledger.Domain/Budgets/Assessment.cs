using NodaTime;

namespace Ledger.Domain.Budgets;

/// <summary>
/// Factors recorded at assessment that make outcomes harder to achieve; tariffs weight payments by
/// them later (R16). All counts, never negative.
/// </summary>
/// <param name="YearsInCare">Years the child has spent in care.</param>
/// <param name="RiskFactors">Number of risk factors present.</param>
/// <param name="DisabilitySeverity">0 none, 1 mild, 2 moderate, 3 severe.</param>
/// <param name="PreviousExclusions">School exclusions to date.</param>
public sealed record DifficultyFactors(int YearsInCare, int RiskFactors, int DisabilitySeverity, int PreviousExclusions)
{
    /// <summary>No difficulty factors.</summary>
    public static DifficultyFactors None { get; } = new(0, 0, 0, 0);

    /// <summary>True when every factor is in range.</summary>
    public bool IsValid => YearsInCare >= 0 && RiskFactors >= 0 && DisabilitySeverity is >= 0 and <= 3 && PreviousExclusions >= 0;
}

/// <summary>
/// An assessment of need (R5) for a child or a whole family: points of need in each Every Child
/// Matters area, the client group, the difficulty factors, and the indicative amount the pool's rule
/// gives, with its working. The budget holder sets the final amount separately (an allocation).
/// </summary>
public sealed class Assessment
{
    private Assessment()
    {
        Working = string.Empty;
        AssessedBy = string.Empty;
        Factors = DifficultyFactors.None;
    }

    /// <summary>The assessment's id.</summary>
    public AssessmentId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The child or family assessed.</summary>
    public SubjectId Subject { get; private set; }

    /// <summary>The pool whose rule priced it.</summary>
    public PoolId Pool { get; private set; }

    /// <summary>The date of the assessment.</summary>
    public LocalDate AssessedOn { get; private set; }

    /// <summary>The practitioner's code.</summary>
    public string AssessedBy { get; private set; }

    /// <summary>The client group the need falls in.</summary>
    public ClientGroup ClientGroup { get; private set; }

    /// <summary>Points for "be healthy".</summary>
    public int BeHealthy { get; private set; }

    /// <summary>Points for "stay safe".</summary>
    public int StaySafe { get; private set; }

    /// <summary>Points for "enjoy and achieve".</summary>
    public int EnjoyAndAchieve { get; private set; }

    /// <summary>Points for "make a positive contribution".</summary>
    public int PositiveContribution { get; private set; }

    /// <summary>Points for "achieve economic well-being".</summary>
    public int EconomicWellBeing { get; private set; }

    /// <summary>The difficulty factors.</summary>
    public DifficultyFactors Factors { get; private set; }

    /// <summary>All points.</summary>
    public int TotalPoints { get; private set; }

    /// <summary>The indicative amount from the pool's rule, in pence.</summary>
    public long IndicativeAmount { get; private set; }

    /// <summary>How the indicative amount was worked out.</summary>
    public string Working { get; private set; }

    /// <summary>The caller's idempotency key, when given: recording the same assessment twice keeps one.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>True when the arguments ask for the same assessment as this one (used to answer replays).</summary>
    public bool SameAs(AreaId area, SubjectId subject, PoolId pool, LocalDate on, string assessedBy, ClientGroup clientGroup,
        IReadOnlyDictionary<EveryChildMattersArea, int> needs, DifficultyFactors factors)
    {
        ArgumentNullException.ThrowIfNull(needs);
        return Area == area && Subject == subject && Pool == pool && AssessedOn == on && AssessedBy == assessedBy && ClientGroup == clientGroup
            && Factors == factors && BeHealthy == needs.GetValueOrDefault(EveryChildMattersArea.BeHealthy)
            && StaySafe == needs.GetValueOrDefault(EveryChildMattersArea.StaySafe)
            && EnjoyAndAchieve == needs.GetValueOrDefault(EveryChildMattersArea.EnjoyAndAchieve)
            && PositiveContribution == needs.GetValueOrDefault(EveryChildMattersArea.MakeAPositiveContribution)
            && EconomicWellBeing == needs.GetValueOrDefault(EveryChildMattersArea.AchieveEconomicWellBeing);
    }

    /// <summary>
    /// Records an assessment and prices it with <paramref name="rule"/>. Negative points or factors are
    /// refused with <see cref="BudgetErrorCode.NegativePoints"/>.
    /// </summary>
    public static Result<Assessment> Record(AssessmentId id, AreaId area, SubjectId subject, PoolId pool, LocalDate on, string assessedBy,
        ClientGroup clientGroup, IReadOnlyDictionary<EveryChildMattersArea, int> needs, DifficultyFactors factors, ResourceAllocationRule rule,
        string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(rule);
        if (!Code.IsValid(assessedBy) || !Enum.IsDefined(clientGroup) || needs.Keys.Any(k => !Enum.IsDefined(k)))
        {
            return Result<Assessment>.Fail(BudgetErrorCode.InvalidRequest, "An assessment needs the assessor's code, a client group and known need areas.");
        }

        if (needs.Values.Any(v => v < 0) || factors.YearsInCare < 0 || factors.RiskFactors < 0 || factors.DisabilitySeverity < 0 || factors.PreviousExclusions < 0)
        {
            return Result<Assessment>.Fail(BudgetErrorCode.NegativePoints, "Points and difficulty factors cannot be negative.");
        }

        if (!factors.IsValid)
        {
            return Result<Assessment>.Fail(BudgetErrorCode.InvalidRequest, "Disability severity is 0 (none) to 3 (severe).");
        }

        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return Result<Assessment>.Fail(BudgetErrorCode.InvalidRequest, "An idempotency key has 1–200 characters.");
        }

        if (needs.Values.Any(v => v > 1000))
        {
            return Result<Assessment>.Fail(BudgetErrorCode.InvalidRequest, "Points above 1,000 in one area are not credible.");
        }

        int Need(EveryChildMattersArea a) => needs.GetValueOrDefault(a);
        var total = needs.Values.Sum();
        var indicative = rule.Indicate(total);
        return new Assessment
        {
            Id = id,
            Area = area,
            Subject = subject,
            Pool = pool,
            AssessedOn = on,
            AssessedBy = assessedBy,
            ClientGroup = clientGroup,
            BeHealthy = Need(EveryChildMattersArea.BeHealthy),
            StaySafe = Need(EveryChildMattersArea.StaySafe),
            EnjoyAndAchieve = Need(EveryChildMattersArea.EnjoyAndAchieve),
            PositiveContribution = Need(EveryChildMattersArea.MakeAPositiveContribution),
            EconomicWellBeing = Need(EveryChildMattersArea.AchieveEconomicWellBeing),
            Factors = factors,
            TotalPoints = total,
            IndicativeAmount = indicative.Amount.Pence,
            Working = indicative.Working,
            IdempotencyKey = idempotencyKey,
        };
    }
}
