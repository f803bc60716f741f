using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Domain.Outcomes;

/// <summary>
/// Everything the automatic rules look at for one claim (R20): the card and outcome, the enrolment, the
/// claim's dates, the evidence attached, what has been paid, and recurrences in the family.
/// </summary>
/// <param name="Card">The card that prices the enrolment.</param>
/// <param name="Definition">The outcome claimed for.</param>
/// <param name="Enrolment">The enrolment.</param>
/// <param name="SubjectKind">A child or a family.</param>
/// <param name="Kind">Outcome or sustainment.</param>
/// <param name="Sustainment">For a sustainment, which payment of the series.</param>
/// <param name="AchievedOn">The day the outcome was achieved.</param>
/// <param name="ClaimedOn">The day of the claim.</param>
/// <param name="Evidence">What the attached files describe.</param>
/// <param name="History">What has been paid (or is in flight) for this person, under the contract and by each payer, excluding this claim.</param>
/// <param name="Recurrences">Problems recorded as starting again for the family's members.</param>
public sealed record ClaimFacts(RateCard Card, OutcomeDefinition Definition, Enrolment Enrolment, SubjectKind SubjectKind, PaymentKind Kind, int? Sustainment,
    LocalDate AchievedOn, LocalDate ClaimedOn, IReadOnlyList<string> Evidence, PaymentHistory History, IReadOnlyList<ProblemRecurrence> Recurrences);

/// <summary>
/// The automatic validation of a claim (R14, R17, R18, R20, R21), in one place and in a fixed order, so
/// the first rule broken is the one reported: eligibility, window, evidence, whole family, then the
/// tariff's own rules (already paid, stacking, caps). Pure: the same facts give the same answer.
/// </summary>
public static class ClaimRules
{
    /// <summary>The day from which the outcome counts as sustained: achieved plus the sustain period, plus the sustainment interval for a sustainment payment.</summary>
    public static LocalDate SustainedOn(RateCard card, OutcomeDefinition definition, PaymentKind kind, int? sustainment, LocalDate achievedOn)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(definition);
        var weeks = definition.SustainWeeks;
        if (kind == PaymentKind.Sustainment && card.Sustainments.SingleOrDefault(s => s.Outcome == definition.Code) is { } series)
        {
            weeks += series.EveryWeeks * (sustainment ?? 1);
        }

        return achievedOn.PlusWeeks(weeks);
    }

    /// <summary>Validates a claim; gives the priced payment, or the first rule it breaks with its stable code.</summary>
    public static Result<TariffQuote> Validate(ClaimFacts facts, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calendar);
        var definition = facts.Definition;

        // R14: eligibility guards are checked on the age at enrolment; a guard with no age recorded cannot be met.
        if (definition.MinAgeAtEnrolment is not null || definition.MaxAgeAtEnrolment is not null)
        {
            if (facts.Enrolment.AgeAtEnrolment is not { } age || !definition.Eligible(age))
            {
                return Result<TariffQuote>.Fail(BudgetErrorCode.NotEligible,
                    $"Outcome {definition.Code} is for ages {definition.MinAgeAtEnrolment?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"}–"
                    + $"{definition.MaxAgeAtEnrolment?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"} at enrolment; "
                    + (facts.Enrolment.AgeAtEnrolment is { } a ? $"this person was {a}." : "no age was recorded at enrolment."));
            }
        }

        // The history counts outcome claims in flight (validated onwards), so a sustainment may follow a validated outcome claim.
        if (facts.Kind == PaymentKind.Sustainment && !facts.History.OutcomesPaid.Contains(definition.Code))
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.ClaimNotInState, $"A sustainment of {definition.Code} is claimed once the outcome itself has been claimed and passed validation.");
        }

        // R18: the window runs from the end of the sustain period.
        var sustained = SustainedOn(facts.Card, definition, facts.Kind, facts.Sustainment, facts.AchievedOn);
        var earliest = facts.Card.Window.Earliest(sustained, calendar);
        var latest = facts.Card.Window.Latest(sustained);
        if (facts.ClaimedOn < earliest || facts.ClaimedOn > latest)
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.OutsideClaimWindow,
                $"A claim for {definition.Code} sustained on {sustained:uuuu-MM-dd} may be made from {earliest:uuuu-MM-dd} "
                + $"({facts.Card.Window.EarliestWorkingDays} working days later) to {latest:uuuu-MM-dd}; {facts.ClaimedOn:uuuu-MM-dd} is outside that window.");
        }

        // R20: every kind of evidence the outcome requires is attached.
        var missing = definition.EvidenceRequired.Where(e => !facts.Evidence.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.EvidenceMissing, $"Claim for {definition.Code} lacks evidence: {string.Join(", ", missing)}.");
        }

        // R21: a family result is void if a member starts the same problem between the result and the claim.
        if (facts.SubjectKind == SubjectKind.Family
            && facts.Recurrences.FirstOrDefault(r => r.Outcome == definition.Code && r.OccurredOn >= facts.AchievedOn && r.OccurredOn <= facts.ClaimedOn) is { } recurrence)
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.WholeFamilyVoid,
                $"A family member started the problem behind {definition.Code} again on {recurrence.OccurredOn:uuuu-MM-dd}, after the result and before the claim: the family result is void.");
        }

        return Tariff.Quote(facts.Card, facts.Kind, definition.Code, facts.Enrolment.Factors, facts.History);
    }
}
