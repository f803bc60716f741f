using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Domain.Tests.Outcomes;

/// <summary>
/// The automatic claim rules (R14, R17, R18, R20, R21) with no database: eligibility, the claim window on the
/// England and Wales working-day calendar (worked example 8), evidence, the whole-family rule and the tariff's
/// own rules, reported in a fixed order; and the problem recurrences the whole-family rule reads.
/// </summary>
public sealed class ClaimRulesTests
{
    private const string CrimeEdu = "TF-CRIME-EDU";
    private const string ProgressWork = "TF-PROGRESS-WORK";
    private const string Employment = "TF-EMPLOYMENT";
    private const string Attendance = "school attendance record";
    private const string PoliceReport = "police ASB report";

    private static readonly Instant Now = Instant.FromUtc(2013, 3, 25, 9, 0);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    // Achieved on Friday 30 November 2012; 13 weeks later the sustain period ends on Friday 1 March 2013 (example 8).
    private static readonly LocalDate Achieved = new(2012, 11, 30);
    private static readonly LocalDate Sustained = new(2013, 3, 1);

    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    /// <summary>Troubled-Families-style, cohort year 1: £3,200 attachment, results £700 and £100 or £800 (exclusive), £4,000 cap, 15 working days / 90 days.</summary>
    private static RateCard Card() => new("TF-2012-Y1", 1, "TF-2012", 1, D(2012, 4, 1), null, Pounds(3_200), Money.Zero,
        [
            new OutcomeTariff(CrimeEdu, Pounds(700)),
            new OutcomeTariff(ProgressWork, Pounds(100), Group: "WORK"),
            new OutcomeTariff(Employment, Pounds(800), Group: "WORK"),
        ],
        [new SustainmentTariff(Employment, Pounds(200), 13, 2)],
        DifficultyWeights.None, Pounds(4_000), null, StackingRule.Exclusive, new ClaimWindow(15, 90, D(2015, 3, 31)), [new CoPayerShare("DCLG-TF", 100)]);

    private static OutcomeDefinition Definition(string code = CrimeEdu, int sustainWeeks = 13, int? minAge = null, int? maxAge = null) =>
        new(code, "Crime and ASB down, school attendance up", EveryChildMattersArea.StaySafe, "Police and school records over the sustain period",
            [Attendance, PoliceReport], sustainWeeks, minAge, maxAge);

    private static Enrolment Enrol(int? age = 14, DifficultyFactors? factors = null)
    {
        var contract = OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), "TF-2012", "Troubled Families 2012", ProviderId.New(), PoolId.New(),
            D(2012, 4, 1), null, Now).Value!;
        return Enrolment.Create(EnrolmentId.New(), contract, SubjectId.New(), Card(), D(2012, 6, 1), age, factors ?? DifficultyFactors.None, "enrol-1", Now).Value!;
    }

    private static PaymentHistory Paid(decimal forParticipant, params string[] outcomes) =>
        PaymentHistory.None with { ForParticipant = Pounds(forParticipant), OutcomesPaid = outcomes.ToHashSet() };

    private static ProblemRecurrence Recurrence(LocalDate on, string outcome = CrimeEdu) =>
        ProblemRecurrence.Record(ProblemRecurrenceId.New(), AreaId.New(), SubjectId.New(), outcome, on, "New ASB incident", Now).Value!;

    /// <summary>A family's £700 crime/education claim on Monday 25 March 2013 that passes every rule: the attachment fee of £3,200 already paid.</summary>
    private static ClaimFacts Facts(LocalDate? claimedOn = null) => new(Card(), Definition(), Enrol(), SubjectKind.Family, PaymentKind.Outcome, null,
        Achieved, claimedOn ?? D(2013, 3, 25), [Attendance, PoliceReport], Paid(3_200), []);

    private static TariffQuote Ok(Result<TariffQuote> result)
    {
        result.Succeeded.Should().BeTrue(result.Error?.Message);
        return result.Value!;
    }

    private static BudgetError Refused(Result<TariffQuote> result)
    {
        result.Succeeded.Should().BeFalse("the claim breaks a rule");
        return result.Error!;
    }

    // ---- SustainedOn (R18) ----

    [Theory]
    [InlineData(PaymentKind.Outcome, null, 2013, 3, 1)]      // 30 Nov 2012 + 13 weeks
    [InlineData(PaymentKind.Sustainment, 1, 2013, 5, 31)]    // + 13 more weeks for the first sustainment
    [InlineData(PaymentKind.Sustainment, 2, 2013, 8, 30)]    // + 26 more weeks for the second
    [InlineData(PaymentKind.Sustainment, null, 2013, 5, 31)] // no number counts as the first
    public void SustainedOn_IsAchievedPlusTheSustainPeriod_PlusTheIntervalPerSustainment_R18(PaymentKind kind, int? sustainment, int year, int month, int day) =>
        ClaimRules.SustainedOn(Card(), Definition(Employment), kind, sustainment, Achieved).Should().Be(D(year, month, day));

    [Theory]
    [InlineData(0, 2012, 11, 30)]
    [InlineData(13, 2013, 3, 1)]
    [InlineData(26, 2013, 5, 31)]
    public void SustainedOn_ForAnOutcome_AddsOnlyTheDefinitionsSustainWeeks_R14_R18(int weeks, int year, int month, int day) =>
        ClaimRules.SustainedOn(Card(), Definition(sustainWeeks: weeks), PaymentKind.Outcome, null, Achieved).Should().Be(D(year, month, day));

    [Fact]
    public void SustainedOn_ASustainmentWithNoSeriesOnTheCard_AddsOnlyTheSustainWeeks_R18() =>
        ClaimRules.SustainedOn(Card(), Definition(CrimeEdu), PaymentKind.Sustainment, 2, Achieved).Should().Be(Sustained);

    // ---- Claim window (R18), worked example 8 ----

    [Fact]
    public void Example8_SustainEndsFriday1March2013_ClaimOnMonday11MarchRefused_ClaimOnMonday25MarchAccepted_R18()
    {
        ClaimRules.SustainedOn(Card(), Definition(), PaymentKind.Outcome, null, Achieved).Should().Be(Sustained);
        Sustained.DayOfWeek.Should().Be(IsoDayOfWeek.Friday);

        var early = Refused(ClaimRules.Validate(Facts(D(2013, 3, 11)), Calendar));
        early.Code.Should().Be(BudgetErrorCode.OutsideClaimWindow);
        early.Message.Should().Be("A claim for TF-CRIME-EDU sustained on 2013-03-01 may be made from 2013-03-22 (15 working days later) to 2013-05-30; "
            + "2013-03-11 is outside that window.");

        var accepted = Ok(ClaimRules.Validate(Facts(D(2013, 3, 25)), Calendar));
        accepted.Payable.Pence.Should().Be(70_000);
        accepted.Shares.Should().Equal(("DCLG-TF", Money.FromPence(70_000)));
    }

    [Theory]
    [InlineData(2013, 3, 1)]  // the day the sustain period ends
    [InlineData(2013, 3, 4)]  // 1 working day
    [InlineData(2013, 3, 11)] // 6 working days (example 8)
    [InlineData(2013, 3, 21)] // 14 working days
    [InlineData(2012, 12, 3)] // before the outcome was even sustained
    public void Validate_ClaimBeforeFifteenWorkingDays_IsOutsideTheWindow_R18(int year, int month, int day) =>
        Refused(ClaimRules.Validate(Facts(D(year, month, day)), Calendar)).Code.Should().Be(BudgetErrorCode.OutsideClaimWindow);

    [Theory]
    [InlineData(2013, 3, 22)] // 15 working days: the earliest
    [InlineData(2013, 3, 25)] // example 8
    [InlineData(2013, 5, 30)] // 90 days after the sustain period: the deadline
    public void Validate_ClaimFromFifteenWorkingDaysToTheDeadline_IsInsideTheWindow_R18(int year, int month, int day) =>
        Ok(ClaimRules.Validate(Facts(D(year, month, day)), Calendar)).Payable.Pence.Should().Be(70_000);

    [Fact]
    public void Validate_ClaimAfterTheNinetyDayDeadline_IsOutsideTheWindow_R18() =>
        Refused(ClaimRules.Validate(Facts(D(2013, 5, 31)), Calendar)).Code.Should().Be(BudgetErrorCode.OutsideClaimWindow);

    [Theory]
    [InlineData(2013, 4, 30, true)]
    [InlineData(2013, 5, 1, false)]
    public void Validate_ClaimAfterTheProgrammeCutOff_IsOutsideTheWindow_EvenBeforeTheDeadline_R18(int year, int month, int day, bool accepted)
    {
        var facts = Facts(D(year, month, day)) with { Card = Card() with { Window = new ClaimWindow(15, 90, D(2013, 4, 30)) } };
        var result = ClaimRules.Validate(facts, Calendar);
        result.Succeeded.Should().Be(accepted);
        if (!accepted)
        {
            result.Error!.Code.Should().Be(BudgetErrorCode.OutsideClaimWindow);
            result.Error.Message.Should().Contain("to 2013-04-30;", "the cut-off comes before the deadline of 2013-05-30");
        }
    }

    [Theory]
    [InlineData(2013, 4, 15, false)] // 14 working days: Good Friday 29 March and Easter Monday 1 April do not count
    [InlineData(2013, 4, 16, true)]  // 15 working days
    public void Validate_WindowSkipsEnglandAndWalesBankHolidays_R18(int year, int month, int day, bool accepted)
    {
        // Achieved Friday 21 December 2012, sustained Friday 22 March 2013.
        var facts = Facts(D(year, month, day)) with { AchievedOn = D(2012, 12, 21) };
        ClaimRules.SustainedOn(facts.Card, facts.Definition, PaymentKind.Outcome, null, facts.AchievedOn).Should().Be(D(2013, 3, 22));
        var result = ClaimRules.Validate(facts, Calendar);
        result.Succeeded.Should().Be(accepted);
        if (!accepted)
        {
            result.Error!.Code.Should().Be(BudgetErrorCode.OutsideClaimWindow);
            result.Error.Message.Should().Contain("may be made from 2013-04-16");
        }
    }

    [Fact]
    public void Validate_SustainmentWindow_RunsFromTheEndOfItsInterval_R15_R18()
    {
        // First sustainment of the employment outcome: sustained on Friday 31 May 2013, earliest claim 15 working days later.
        var facts = Facts() with
        {
            Definition = Definition(Employment), Kind = PaymentKind.Sustainment, Sustainment = 1, Evidence = [Attendance, PoliceReport],
            History = Paid(4_000, Employment),
            Card = Card() with { CapPerParticipant = null },
        };
        Refused(ClaimRules.Validate(facts with { ClaimedOn = D(2013, 6, 20) }, Calendar)).Code.Should().Be(BudgetErrorCode.OutsideClaimWindow);
        var quote = Ok(ClaimRules.Validate(facts with { ClaimedOn = D(2013, 6, 21) }, Calendar));
        quote.Payable.Pence.Should().Be(20_000);
        quote.Working[0].Should().Be("Sustainment 1 of 2 for TF-EMPLOYMENT (every 13 weeks): £200.00");
    }

    // ---- Eligibility (R14) ----

    [Theory]
    [InlineData(14, 15, 13, "this person was 13.")]
    [InlineData(14, 15, 16, "this person was 16.")]
    [InlineData(null, 15, 16, "this person was 16.")]
    [InlineData(14, null, 13, "this person was 13.")]
    [InlineData(14, 15, null, "no age was recorded at enrolment.")]
    public void Validate_AgeAtEnrolmentOutsideTheGuards_IsNotEligible_R14(int? minAge, int? maxAge, int? age, string tail)
    {
        var facts = Facts() with { Definition = Definition(minAge: minAge, maxAge: maxAge), Enrolment = Enrol(age) };
        var error = Refused(ClaimRules.Validate(facts, Calendar));
        error.Code.Should().Be(BudgetErrorCode.NotEligible);
        error.Message.Should().EndWith(tail);
    }

    [Fact]
    public void Validate_EligibilityMessage_NamesTheAgeRange_R14() =>
        Refused(ClaimRules.Validate(Facts() with { Definition = Definition(minAge: 14, maxAge: 15), Enrolment = Enrol(16) }, Calendar)).Message
            .Should().Be("Outcome TF-CRIME-EDU is for ages 14–15 at enrolment; this person was 16.");

    [Theory]
    [InlineData(14, 15, 14)]
    [InlineData(14, 15, 15)]
    [InlineData(null, 15, 0)]
    [InlineData(14, null, 25)]
    [InlineData(null, null, null)] // no guard: no age needed
    public void Validate_AgeAtEnrolmentWithinTheGuards_IsEligible_R14(int? minAge, int? maxAge, int? age) =>
        Ok(ClaimRules.Validate(Facts() with { Definition = Definition(minAge: minAge, maxAge: maxAge), Enrolment = Enrol(age) }, Calendar)).Payable.Pence
            .Should().Be(70_000);

    // ---- Evidence (R20) ----

    [Theory]
    [InlineData(new string[0], "Claim for TF-CRIME-EDU lacks evidence: school attendance record, police ASB report.")]
    [InlineData(new[] { Attendance }, "Claim for TF-CRIME-EDU lacks evidence: police ASB report.")]
    [InlineData(new[] { "police report", "attendance" }, "Claim for TF-CRIME-EDU lacks evidence: school attendance record, police ASB report.")]
    public void Validate_RequiredEvidenceNotAttached_IsRefused_NamingWhatIsMissing_R20(string[] evidence, string message)
    {
        var error = Refused(ClaimRules.Validate(Facts() with { Evidence = evidence }, Calendar));
        error.Code.Should().Be(BudgetErrorCode.EvidenceMissing);
        error.Message.Should().Be(message);
    }

    [Fact]
    public void Validate_EvidenceMatchesItsKindIgnoringCase_AndExtraFilesDoNotMatter_R20() =>
        Ok(ClaimRules.Validate(Facts() with { Evidence = ["POLICE ASB REPORT", "School Attendance Record", "case notes"] }, Calendar)).Payable.Pence.Should().Be(70_000);

    // ---- Whole-family rule (R21) ----

    [Theory]
    [InlineData(2012, 11, 30)] // the day of the result
    [InlineData(2013, 1, 15)]  // during the sustain period
    [InlineData(2013, 3, 12)]  // after the sustain period, before the claim
    [InlineData(2013, 3, 25)]  // the day of the claim
    public void Validate_FamilyMemberRestartsProblemBeforeClaim_VoidsTheResult_R21(int year, int month, int day)
    {
        var error = Refused(ClaimRules.Validate(Facts() with { Recurrences = [Recurrence(D(year, month, day))] }, Calendar));
        error.Code.Should().Be(BudgetErrorCode.WholeFamilyVoid);
        error.Message.Should().Contain($"again on {year:D4}-{month:D2}-{day:D2}");
    }

    [Theory]
    [InlineData(2012, 11, 29, CrimeEdu)] // before the result: the result came after it
    [InlineData(2013, 3, 26, CrimeEdu)]  // after the claim
    [InlineData(2013, 1, 15, Employment)] // another problem
    public void Validate_RecurrenceOutsideResultToClaim_OrOfAnotherProblem_DoesNotVoid_R21(int year, int month, int day, string outcome) =>
        Ok(ClaimRules.Validate(Facts() with { Recurrences = [Recurrence(D(year, month, day), outcome)] }, Calendar)).Payable.Pence.Should().Be(70_000);

    [Fact]
    public void Validate_ChildResult_IsNotVoidedByTheWholeFamilyRule_R21() =>
        Ok(ClaimRules.Validate(Facts() with { SubjectKind = SubjectKind.Child, Recurrences = [Recurrence(D(2013, 1, 15))] }, Calendar)).Payable.Pence
            .Should().Be(70_000);

    // ---- The tariff's own rules, reached through Validate (R16, R17, R20) ----

    [Fact]
    public void Validate_SameOutcomeAlreadyPaid_IsNeverPaidTwice_R20() =>
        Refused(ClaimRules.Validate(Facts() with { History = Paid(3_900, CrimeEdu) }, Calendar)).Code.Should().Be(BudgetErrorCode.OutcomeAlreadyPaid);

    [Fact]
    public void Validate_OutcomeExcludedByAnotherOfItsGroup_IsRefused_R17() =>
        Refused(ClaimRules.Validate(Facts() with { Definition = Definition(Employment), History = Paid(3_300, ProgressWork) }, Calendar)).Code
            .Should().Be(BudgetErrorCode.ExcludedCombination);

    [Theory]
    [InlineData(3_200, 70_000)]
    [InlineData(3_900, 10_000)] // the remainder up to the £4,000 cap
    [InlineData(3_999.99, 1)]
    public void Validate_ClaimCrossingTheParticipantCap_PaysTheRemainder_R17(decimal alreadyPaid, long pence) =>
        Ok(ClaimRules.Validate(Facts() with { History = Paid(alreadyPaid) }, Calendar)).Payable.Pence.Should().Be(pence);

    [Fact]
    public void Validate_ClaimWithTheParticipantCapReached_IsRefused_R17() =>
        Refused(ClaimRules.Validate(Facts() with { History = Paid(4_000) }, Calendar)).Code.Should().Be(BudgetErrorCode.OverCap);

    [Fact]
    public void Validate_OutcomeNotOnTheCard_IsRefused_R15() =>
        Refused(ClaimRules.Validate(Facts() with { Definition = Definition("TF-HOUSING") }, Calendar)).Code.Should().Be(BudgetErrorCode.OutcomeNotOnCard);

    [Fact]
    public void Validate_WeightsThePaymentByTheFactorsRecordedAtEnrolment_R16()
    {
        var facts = Facts() with
        {
            Card = Card() with { Weights = new DifficultyWeights(0.1m, 0.05m, 0, 0, 2m) },
            Enrolment = Enrol(factors: new DifficultyFactors(2, 1, 0, 0)),
        };
        var quote = Ok(ClaimRules.Validate(facts, Calendar));
        quote.Weight.Should().Be(1.25m);
        quote.Payable.Pence.Should().Be(80_000, "£700 × 1.25 = £875, cut to the £800 left under the £4,000 cap");
        quote.Weighted.Pence.Should().Be(87_500);
    }

    [Fact]
    public void Validate_SustainmentBeforeTheOutcomeIsPaid_IsRefused_R15_R20()
    {
        var facts = Facts(D(2013, 6, 21)) with { Definition = Definition(Employment), Kind = PaymentKind.Sustainment, Sustainment = 1 };
        var error = Refused(ClaimRules.Validate(facts, Calendar));
        error.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        error.Message.Should().Be("A sustainment of TF-EMPLOYMENT is claimed once the outcome itself has been claimed and passed validation.");
    }

    [Fact]
    public void Validate_SustainmentBeyondItsCount_IsRefused_R15()
    {
        // The third sustainment would be sustained on Friday 29 November 2013; 20 December is 15 working days later.
        var facts = Facts(D(2013, 12, 20)) with
        {
            Definition = Definition(Employment), Kind = PaymentKind.Sustainment, Sustainment = 3, Card = Card() with { CapPerParticipant = null },
            History = Paid(4_400, Employment) with { SustainmentsPaid = new Dictionary<string, int> { [Employment] = 2 } },
        };
        var error = Refused(ClaimRules.Validate(facts, Calendar));
        error.Code.Should().Be(BudgetErrorCode.OutcomeAlreadyPaid);
        error.Message.Should().Be("Sustainment of TF-EMPLOYMENT has been paid 2 of 2 times.");
    }

    // ---- Order and purity ----

    public static TheoryData<string, Func<ClaimFacts, ClaimFacts>, BudgetErrorCode> SeveralRulesBroken => new()
    {
        {
            "ineligible, too early, no evidence, void, already paid",
            f => f with
            {
                Definition = Definition(minAge: 16), ClaimedOn = D(2013, 3, 11), Evidence = [], Recurrences = [Recurrence(D(2013, 1, 15))], History = Paid(3_900, CrimeEdu),
            },
            BudgetErrorCode.NotEligible
        },
        {
            "too early, no evidence, void, already paid",
            f => f with { ClaimedOn = D(2013, 3, 11), Evidence = [], Recurrences = [Recurrence(D(2013, 1, 15))], History = Paid(3_900, CrimeEdu) },
            BudgetErrorCode.OutsideClaimWindow
        },
        {
            "no evidence, void, already paid",
            f => f with { Evidence = [], Recurrences = [Recurrence(D(2013, 1, 15))], History = Paid(3_900, CrimeEdu) },
            BudgetErrorCode.EvidenceMissing
        },
        { "void, already paid", f => f with { Recurrences = [Recurrence(D(2013, 1, 15))], History = Paid(3_900, CrimeEdu) }, BudgetErrorCode.WholeFamilyVoid },
        { "already paid, over the cap", f => f with { History = Paid(4_000, CrimeEdu) }, BudgetErrorCode.OutcomeAlreadyPaid },
    };

    [Theory]
    [MemberData(nameof(SeveralRulesBroken))]
    public void Validate_ReportsTheFirstRuleBroken_EligibilityWindowEvidenceFamilyThenTariff_R14_R18_R20_R21(string why, Func<ClaimFacts, ClaimFacts> spoil,
        BudgetErrorCode first)
    {
        ArgumentNullException.ThrowIfNull(spoil);
        Refused(ClaimRules.Validate(spoil(Facts()), Calendar)).Code.Should().Be(first, why);
    }

    [Fact]
    public void Validate_SameFacts_SameQuote_R20()
    {
        var facts = Facts() with { History = Paid(3_900) };
        var first = Ok(ClaimRules.Validate(facts, Calendar));
        var second = Ok(ClaimRules.Validate(facts, Calendar));
        second.Payable.Should().Be(first.Payable);
        second.Working.Should().Equal(first.Working);
        first.Working.Should().Equal(
            "Outcome TF-CRIME-EDU on card TF-2012-Y1 v1: £700.00",
            "Difficulty weight 1 (no factors weighted)",
            "The per-participant cap of £4,000.00 with £3,900.00 already paid leaves £100.00: £700.00 is cut to £100.00",
            "DCLG-TF pays 100%: £100.00");
    }

    // ---- Problem recurrences (R21) ----

    [Theory]
    [InlineData(" New ASB incident ", "New ASB incident")]
    [InlineData(null, "")]
    public void ProblemRecurrence_Record_KeepsTheOutcomeDayAndTrimmedNote_R21(string? note, string expected)
    {
        var child = SubjectId.New();
        var recurrence = ProblemRecurrence.Record(ProblemRecurrenceId.New(), AreaId.New(), child, CrimeEdu, D(2013, 1, 15), note, Now).Value!;
        recurrence.Outcome.Should().Be(CrimeEdu);
        recurrence.Child.Should().Be(child);
        recurrence.OccurredOn.Should().Be(D(2013, 1, 15));
        recurrence.Note.Should().Be(expected);
        recurrence.RecordedAt.Should().Be(Now);
    }

    [Fact]
    public void ProblemRecurrence_Record_AcceptsANoteOfFiveHundredCharacters_R21() =>
        ProblemRecurrence.Record(ProblemRecurrenceId.New(), AreaId.New(), SubjectId.New(), CrimeEdu, D(2013, 1, 15), new string('n', 500), Now).Value!.Note
            .Should().HaveLength(500);

    [Theory]
    [InlineData("", "note")]
    [InlineData("TF CRIME", "note")]
    [InlineData("TF-CRIME/EDU", "note")]
    [InlineData(CrimeEdu, null)] // a 501-character note
    public void ProblemRecurrence_Record_WithABadOutcomeCodeOrALongNote_IsRefused_R21(string outcome, string? note) =>
        ProblemRecurrence.Record(ProblemRecurrenceId.New(), AreaId.New(), SubjectId.New(), outcome, D(2013, 1, 15), note ?? new string('n', 501), Now).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidRequest);
}
