using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Domain.Outcomes;

/// <summary>How outcomes for one person combine (R17).</summary>
public enum StackingRule
{
    /// <summary>Outcomes in the same group exclude each other: one of the set is paid.</summary>
    Exclusive,

    /// <summary>Any combination is paid, up to the per-participant cap.</summary>
    Capped,
}

/// <summary>An outcome's price on a card (R15).</summary>
/// <param name="Outcome">The outcome's code.</param>
/// <param name="Amount">The base tariff, before weighting.</param>
/// <param name="FirstOnly">True when it is paid once per person ("first only", R17).</param>
/// <param name="Group">Outcomes sharing a group exclude each other under <see cref="StackingRule.Exclusive"/>.</param>
public sealed record OutcomeTariff(string Outcome, Money Amount, bool FirstOnly = true, string? Group = null);

/// <summary>Further payments while an outcome lasts (R15): every <paramref name="EveryWeeks"/> weeks, up to <paramref name="MaxTimes"/> times.</summary>
/// <param name="Outcome">The outcome sustained.</param>
/// <param name="Amount">Each payment, before weighting.</param>
/// <param name="EveryWeeks">Weeks between payments.</param>
/// <param name="MaxTimes">The most payments.</param>
public sealed record SustainmentTariff(string Outcome, Money Amount, int EveryWeeks, int MaxTimes);

/// <summary>
/// The difficulty weighting (R16): a multiplier of 1 plus a rate per unit of each factor recorded at
/// enrolment, capped at <paramref name="Maximum"/>, so harder cases pay more.
/// </summary>
/// <param name="PerYearInCare">Added per year in care.</param>
/// <param name="PerRiskFactor">Added per risk factor.</param>
/// <param name="PerDisabilityLevel">Added per level of disability severity (0–3).</param>
/// <param name="PerExclusion">Added per previous exclusion.</param>
/// <param name="Maximum">The highest multiplier.</param>
public sealed record DifficultyWeights(decimal PerYearInCare, decimal PerRiskFactor, decimal PerDisabilityLevel, decimal PerExclusion, decimal Maximum)
{
    /// <summary>No weighting: every multiplier is 1.</summary>
    public static DifficultyWeights None { get; } = new(0, 0, 0, 0, 1);

    /// <summary>The multiplier for a person's factors.</summary>
    public decimal For(DifficultyFactors factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var weight = 1m + (PerYearInCare * factors.YearsInCare) + (PerRiskFactor * factors.RiskFactors) + (PerDisabilityLevel * factors.DisabilitySeverity)
            + (PerExclusion * factors.PreviousExclusions);
        return Math.Min(weight, Maximum);
    }
}

/// <summary>A payer's share of every payment on a card (R19), posted to its own stream.</summary>
/// <param name="Stream">The paying stream's code.</param>
/// <param name="Percent">Its share, e.g. 20 for a 20% central top-up; the shares add up to 100.</param>
/// <param name="Cap">The most this payer pays under the contract, if capped (R17).</param>
public sealed record CoPayerShare(string Stream, decimal Percent, Money? Cap = null);

/// <summary>When an outcome may be claimed (R18).</summary>
/// <param name="EarliestWorkingDays">Working days after the outcome is achieved (and sustained) before a claim may be made.</param>
/// <param name="DeadlineDays">Calendar days after it is achieved by which the claim must be made.</param>
/// <param name="CutOff">The last day any claim is accepted (the programme's end).</param>
public sealed record ClaimWindow(int EarliestWorkingDays, int DeadlineDays, LocalDate CutOff)
{
    /// <summary>The first day a claim for an outcome achieved on <paramref name="achievedOn"/> may be made.</summary>
    public LocalDate Earliest(LocalDate achievedOn, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(achievedOn, EarliestWorkingDays);
    }

    /// <summary>The last day it may be claimed: the deadline or the cut-off, whichever is sooner.</summary>
    public LocalDate Latest(LocalDate achievedOn)
    {
        var deadline = achievedOn.PlusDays(DeadlineDays);
        return deadline < CutOff ? deadline : CutOff;
    }
}

/// <summary>
/// A rate card (R15–R19): the prices of a payment-by-results contract for one cohort, versioned and
/// effective-dated. Data, not code: cards are imported and exported as JSON (docs/rate-cards.md).
/// </summary>
/// <param name="Code">The card's code, e.g. "TF-2012-Y1".</param>
/// <param name="Version">Its version; a new version replaces an old one from its effective date.</param>
/// <param name="Contract">The contract it prices.</param>
/// <param name="Cohort">The cohort (e.g. the year people were enrolled) it applies to.</param>
/// <param name="EffectiveFrom">The first day it applies.</param>
/// <param name="EffectiveTo">The last day it applies, if it ends.</param>
/// <param name="AttachmentFee">Paid on enrolment.</param>
/// <param name="DeliveryFeeMonthly">Paid monthly without a claim.</param>
/// <param name="Outcomes">Outcome prices.</param>
/// <param name="Sustainments">Sustainment payments.</param>
/// <param name="Weights">The difficulty weighting.</param>
/// <param name="CapPerParticipant">The most paid for one person (or family), attachment included.</param>
/// <param name="CapPerContract">The most paid under the contract.</param>
/// <param name="Stacking">How outcomes combine.</param>
/// <param name="Window">When outcomes may be claimed.</param>
/// <param name="CoPayers">Who pays which share.</param>
public sealed record RateCard(string Code, int Version, string Contract, int Cohort, LocalDate EffectiveFrom, LocalDate? EffectiveTo,
    Money AttachmentFee, Money DeliveryFeeMonthly, IReadOnlyList<OutcomeTariff> Outcomes, IReadOnlyList<SustainmentTariff> Sustainments,
    DifficultyWeights Weights, Money? CapPerParticipant, Money? CapPerContract, StackingRule Stacking, ClaimWindow Window, IReadOnlyList<CoPayerShare> CoPayers)
{
    /// <summary>True when the card applies on <paramref name="date"/>.</summary>
    public bool AppliesOn(LocalDate date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>Checks the card (R15–R19); null when it is valid.</summary>
    public BudgetError? Check()
    {
        if (!Domain.Code.IsValid(Code) || !Domain.Code.IsValid(Contract) || Version < 1 || Cohort < 1)
        {
            return Refuse("A rate card needs a valid code and contract, a version from 1 and a cohort from 1.");
        }

        if (EffectiveTo < EffectiveFrom)
        {
            return Refuse($"Rate card {Code}: it cannot end before it starts.");
        }

        if (AttachmentFee.IsNegative || DeliveryFeeMonthly.IsNegative || (Outcomes ?? []).Any(o => o is null || !o.Amount.IsPositive || !Domain.Code.IsValid(o.Outcome))
            || (Sustainments ?? []).Any(s => s is null || !s.Amount.IsPositive || s.EveryWeeks < 1 || s.MaxTimes < 1)
            || CapPerParticipant is { IsPositive: false } || CapPerContract is { IsPositive: false })
        {
            return Refuse($"Rate card {Code}: tariffs and caps must be above zero (fees may be zero), sustainment every week or more, at least once.");
        }

        if ((Outcomes ?? []).GroupBy(o => o.Outcome).Any(g => g.Count() > 1))
        {
            return Refuse($"Rate card {Code}: each outcome is priced once.");
        }

        if (Weights is null || Weights.Maximum < 1 || Weights.PerYearInCare < 0 || Weights.PerRiskFactor < 0 || Weights.PerDisabilityLevel < 0 || Weights.PerExclusion < 0)
        {
            return Refuse($"Rate card {Code}: weights cannot be negative and the highest multiplier is at least 1.");
        }

        if (CoPayers is null || CoPayers.Count == 0 || CoPayers.Any(c => c is null || c.Percent <= 0 || !Domain.Code.IsValid(c.Stream) || c.Cap is { IsPositive: false })
            || CoPayers.Sum(c => c.Percent) != 100m || CoPayers.GroupBy(c => c.Stream).Any(g => g.Count() > 1)
            || CoPayers.Any(c => decimal.Round(c.Percent, 2) != c.Percent))
        {
            return Refuse($"Rate card {Code}: payers' shares must each be above zero (at most two decimals), one per stream, and add up to 100%.");
        }

        return Window is null || Window.EarliestWorkingDays < 0 || Window.DeadlineDays < 1 || Window.CutOff < EffectiveFrom
            ? Refuse($"Rate card {Code}: the claim window needs a non-negative earliest day, a deadline of at least a day and a cut-off after the card starts.")
            : null;

        static BudgetError Refuse(string message) => new(BudgetErrorCode.InvalidRateCard, message);
    }

    /// <summary>True when this card and <paramref name="other"/> would both apply to a contract and cohort on some day (refused on import).</summary>
    public bool Overlaps(RateCard other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Contract == other.Contract && Cohort == other.Cohort && !(Code == other.Code && Version == other.Version)
            && (other.EffectiveTo is null || EffectiveFrom <= other.EffectiveTo) && (EffectiveTo is null || other.EffectiveFrom <= EffectiveTo);
    }
}
