using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Domain.Tests.Outcomes;

/// <summary>Rate cards and tariffs (R15–R19) and worked examples 5–8, with no database.</summary>
public sealed class TariffTests
{
    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static readonly ClaimWindow Window = new(15, 90, new LocalDate(2015, 3, 31));

    /// <summary>Troubled-Families-style, cohort year 1: £4,000 a family, 80% attachment, results £700 and £100 or £800 (exclusive).</summary>
    private static RateCard TroubledFamiliesYear1(decimal attachment = 3_200) => new("TF-2012-Y1", 1, "TF-2012", 1, new LocalDate(2012, 4, 1), null,
        Pounds(attachment), Money.Zero,
        [
            new OutcomeTariff("TF-CRIME-EDU", Pounds(700)),
            new OutcomeTariff("TF-PROGRESS-WORK", Pounds(100), Group: "WORK"),
            new OutcomeTariff("TF-EMPLOYMENT", Pounds(800), Group: "WORK"),
        ],
        [], DifficultyWeights.None, Pounds(4_000), null, StackingRule.Exclusive, Window, [new CoPayerShare("DCLG-TF", 100)]);

    /// <summary>Innovation-Fund-style: outcome prices and an £8,200 cap per participant.</summary>
    private static RateCard InnovationFund() => new("IF-R1", 1, "IF-R1", 1, new LocalDate(2012, 4, 1), null, Money.Zero, Money.Zero,
        [
            new OutcomeTariff("IF-BEHAVIOUR", Pounds(1_300)), new OutcomeTariff("IF-ATTENDANCE", Pounds(1_400)), new OutcomeTariff("IF-ATTITUDE", Pounds(700)),
            new OutcomeTariff("IF-L1", Pounds(1_100)), new OutcomeTariff("IF-L2", Pounds(3_300)), new OutcomeTariff("IF-L3", Pounds(5_100)),
            new OutcomeTariff("IF-FIRST-JOB", Pounds(3_500)), new OutcomeTariff("IF-JOB-26W", Pounds(2_000)),
        ],
        [], DifficultyWeights.None, Pounds(8_200), null, StackingRule.Capped, Window, [new CoPayerShare("DWP-IF", 100)]);

    private static PaymentHistory Paid(decimal forParticipant, params string[] outcomes) =>
        PaymentHistory.None with { ForParticipant = Pounds(forParticipant), OutcomesPaid = outcomes.ToHashSet() };

    private static TariffQuote Ok(Result<TariffQuote> quote)
    {
        quote.Succeeded.Should().BeTrue(quote.Error?.Message);
        return quote.Value!;
    }

    [Fact]
    public void Example5_TroubledFamiliesYear1_AttachmentThenResults_TotalFourThousand_TheCap()
    {
        var card = TroubledFamiliesYear1();
        card.Check().Should().BeNull();
        var attachment = Ok(Tariff.Quote(card, PaymentKind.Attachment, null, DifficultyFactors.None, PaymentHistory.None));
        attachment.Payable.Should().Be(Pounds(3_200));
        var crime = Ok(Tariff.Quote(card, PaymentKind.Outcome, "TF-CRIME-EDU", DifficultyFactors.None, Paid(3_200)));
        crime.Payable.Should().Be(Pounds(700));
        var work = Ok(Tariff.Quote(card, PaymentKind.Outcome, "TF-PROGRESS-WORK", DifficultyFactors.None, Paid(3_900, "TF-CRIME-EDU")));
        work.Payable.Should().Be(Pounds(100));
        (attachment.Payable + crime.Payable + work.Payable).Should().Be(Pounds(4_000));
        Tariff.Quote(card, PaymentKind.Outcome, "TF-EMPLOYMENT", DifficultyFactors.None, Paid(4_000, "TF-CRIME-EDU", "TF-PROGRESS-WORK")).Error!.Code
            .Should().Be(BudgetErrorCode.ExcludedCombination, "progress to work and continuous employment are one of a set (R17)");
    }

    [Fact]
    public void Example6_CapWithRemainder_AfterSevenThousandEightHundred_AFiveThousandOneHundredOutcomePaysFourHundred_R17()
    {
        var quote = Ok(Tariff.Quote(InnovationFund(), PaymentKind.Outcome, "IF-L3", DifficultyFactors.None, Paid(7_800, "IF-L2", "IF-FIRST-JOB", "IF-ATTITUDE", "IF-ATTENDANCE")));
        quote.Weighted.Should().Be(Pounds(5_100));
        quote.Payable.Should().Be(Pounds(400));
        quote.Working.Should().Contain(l => l.Contains("per-participant cap of £8,200.00", StringComparison.Ordinal));
        Tariff.Quote(InnovationFund(), PaymentKind.Outcome, "IF-L1", DifficultyFactors.None, Paid(8_200, "IF-L3")).Error!.Code.Should().Be(BudgetErrorCode.OverCap);
    }

    [Fact]
    public void Example7_CoPayers_TwentyPercentCentralTopUp_PostsTwoHundredCentralAndEightHundredLocal_R19()
    {
        var card = InnovationFund() with
        {
            Outcomes = [new OutcomeTariff("LCF-OUTCOME", Pounds(1_000))],
            CoPayers = [new CoPayerShare("LCF-CENTRAL", 20), new CoPayerShare("LOCAL-COMM", 80)],
            CapPerParticipant = null,
        };
        var quote = Ok(Tariff.Quote(card, PaymentKind.Outcome, "LCF-OUTCOME", DifficultyFactors.None, PaymentHistory.None));
        quote.Shares.Should().Equal(("LCF-CENTRAL", Pounds(200)), ("LOCAL-COMM", Pounds(800)));
    }

    [Theory]
    [InlineData(40, 60, 333.33, 133.33, 200.00)]
    [InlineData(33.33, 66.67, 100.00, 33.33, 66.67)]
    [InlineData(50, 50, 0.01, 0.01, 0.00)]
    public void CoPayerShares_AreExactToThePenny_R19(decimal central, decimal local, decimal amount, decimal expectCentral, decimal expectLocal)
    {
        var card = InnovationFund() with
        {
            Outcomes = [new OutcomeTariff("X", Pounds(amount))], CapPerParticipant = null,
            CoPayers = [new CoPayerShare("CENTRAL", central), new CoPayerShare("LOCAL", local)],
        };
        var quote = Ok(Tariff.Quote(card, PaymentKind.Outcome, "X", DifficultyFactors.None, PaymentHistory.None));
        quote.Payable.Should().Be(Pounds(amount));
        quote.Shares.Sum(s => s.Amount.Pence).Should().Be(Pounds(amount).Pence);
        quote.Shares.Where(s => s.Stream == "CENTRAL").Sum(s => s.Amount.Pence).Should().Be(Pounds(expectCentral).Pence);
        quote.Shares.Where(s => s.Stream == "LOCAL").Sum(s => s.Amount.Pence).Should().Be(Pounds(expectLocal).Pence);
    }

    [Theory]
    [InlineData(2013, 3, 11, false)] // Monday: only 6 working days after Friday 1 March
    [InlineData(2013, 3, 21, false)] // 14 working days
    [InlineData(2013, 3, 22, true)]  // 15 working days: the earliest
    [InlineData(2013, 3, 25, true)]  // Monday 25 March: accepted
    public void Example8_ClaimWindow_FifteenWorkingDaysAfterTheSustainPeriod_R18(int year, int month, int day, bool open)
    {
        var sustainEnds = new LocalDate(2013, 3, 1);
        var claimOn = new LocalDate(year, month, day);
        var earliest = Window.Earliest(sustainEnds, WorkingDayCalendar.EnglandAndWales);
        earliest.Should().Be(new LocalDate(2013, 3, 22));
        (claimOn >= earliest && claimOn <= Window.Latest(sustainEnds)).Should().Be(open);
    }

    [Fact]
    public void ClaimWindow_SkipsBankHolidays_AndEndsAtTheDeadlineOrTheCutOff_R18()
    {
        // Good Friday 29 March and Easter Monday 1 April 2013 are not working days.
        Window.Earliest(new LocalDate(2013, 3, 22), WorkingDayCalendar.EnglandAndWales).Should().Be(new LocalDate(2013, 4, 16));
        Window.Latest(new LocalDate(2013, 3, 1)).Should().Be(new LocalDate(2013, 5, 30));
        Window.Latest(new LocalDate(2015, 3, 1)).Should().Be(new LocalDate(2015, 3, 31), "the programme's cut-off comes before the deadline");
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 1.0, 1_000.00)]
    [InlineData(2, 0, 0, 0, 1.2, 1_200.00)]
    [InlineData(0, 3, 1, 0, 1.35, 1_350.00)]
    [InlineData(10, 10, 3, 10, 2.0, 2_000.00)] // capped at the maximum
    public void DifficultyWeight_HardCasesPayMore_UpToTheMaximum_R16(int yearsInCare, int risks, int disability, int exclusions, decimal weight, decimal paid)
    {
        var card = InnovationFund() with
        {
            Outcomes = [new OutcomeTariff("X", Pounds(1_000))], CapPerParticipant = null,
            Weights = new DifficultyWeights(0.1m, 0.1m, 0.05m, 0.05m, 2m),
        };
        var quote = Ok(Tariff.Quote(card, PaymentKind.Outcome, "X", new DifficultyFactors(yearsInCare, risks, disability, exclusions), PaymentHistory.None));
        quote.Weight.Should().Be(weight);
        quote.Payable.Should().Be(Pounds(paid));
    }

    [Fact]
    public void Outcome_FirstOnly_IsNotPaidTwice_R17_R20() =>
        Tariff.Quote(InnovationFund(), PaymentKind.Outcome, "IF-L1", DifficultyFactors.None, Paid(1_100, "IF-L1")).Error!.Code.Should().Be(BudgetErrorCode.OutcomeAlreadyPaid);

    [Fact]
    public void Sustainment_IsPaidUpToItsCount_R15()
    {
        var card = InnovationFund() with { Sustainments = [new SustainmentTariff("IF-FIRST-JOB", Pounds(500), 13, 2)], CapPerParticipant = null };
        Ok(Tariff.Quote(card, PaymentKind.Sustainment, "IF-FIRST-JOB", DifficultyFactors.None, PaymentHistory.None)).Payable.Should().Be(Pounds(500));
        Tariff.Quote(card, PaymentKind.Sustainment, "IF-FIRST-JOB", DifficultyFactors.None,
            PaymentHistory.None with { SustainmentsPaid = new Dictionary<string, int> { ["IF-FIRST-JOB"] = 2 } }).Error!.Code.Should().Be(BudgetErrorCode.OutcomeAlreadyPaid);
    }

    [Fact]
    public void ContractAndPayerCaps_PayTheRemainder_R17()
    {
        var card = InnovationFund() with
        {
            CapPerParticipant = null, CapPerContract = Pounds(10_000),
            CoPayers = [new CoPayerShare("CENTRAL", 20, Pounds(500)), new CoPayerShare("LOCAL", 80)],
        };
        var history = PaymentHistory.None with { UnderContract = Pounds(9_000), ByPayer = new Dictionary<string, Money> { ["CENTRAL"] = Pounds(400) } };
        var quote = Ok(Tariff.Quote(card, PaymentKind.Outcome, "IF-L2", DifficultyFactors.None, history));
        quote.Shares.Should().Equal(("CENTRAL", Pounds(100)), ("LOCAL", Pounds(800)));
        quote.Payable.Should().Be(Pounds(900));
    }

    public static TheoryData<string, Func<RateCard, RateCard>> BadCards => new()
    {
        { "shares add to 90%", c => c with { CoPayers = [new CoPayerShare("A", 40), new CoPayerShare("B", 50)] } },
        { "shares add to 110%", c => c with { CoPayers = [new CoPayerShare("A", 60), new CoPayerShare("B", 50)] } },
        { "a negative tariff", c => c with { Outcomes = [new OutcomeTariff("X", Pounds(-1))] } },
        { "a negative attachment fee", c => c with { AttachmentFee = Pounds(-1) } },
        { "a negative weight", c => c with { Weights = new DifficultyWeights(-0.1m, 0, 0, 0, 2) } },
        { "a maximum weight below 1", c => c with { Weights = new DifficultyWeights(0, 0, 0, 0, 0.5m) } },
        { "ends before it starts", c => c with { EffectiveTo = new LocalDate(2012, 3, 1) } },
        { "an outcome priced twice", c => c with { Outcomes = [new OutcomeTariff("X", Pounds(1)), new OutcomeTariff("X", Pounds(2))] } },
        { "no payers", c => c with { CoPayers = [] } },
        { "a zero cap", c => c with { CapPerParticipant = Money.Zero } },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public void RateCard_ThatDoesNotAddUp_IsRefused_R15_R19(string why, Func<RateCard, RateCard> spoil)
    {
        ArgumentNullException.ThrowIfNull(spoil);
        spoil(TroubledFamiliesYear1()).Check()!.Code.Should().Be(BudgetErrorCode.InvalidRateCard, why);
    }

    [Fact]
    public void RateCards_ForTheSameContractAndCohort_WithOverlappingDates_Overlap_R15()
    {
        var v1 = TroubledFamiliesYear1() with { EffectiveTo = new LocalDate(2013, 3, 31) };
        var v2 = v1 with { Version = 2, EffectiveFrom = new LocalDate(2013, 4, 1), EffectiveTo = null, AttachmentFee = Pounds(2_400) };
        v1.Overlaps(v2).Should().BeFalse();
        (v2 with { EffectiveFrom = new LocalDate(2013, 3, 31) }).Overlaps(v1).Should().BeTrue();
        (v2 with { Cohort = 2, EffectiveFrom = new LocalDate(2012, 4, 1) }).Overlaps(v1).Should().BeFalse("another cohort has its own card");
        v1.AppliesOn(new LocalDate(2013, 3, 31)).Should().BeTrue();
        v1.AppliesOn(new LocalDate(2013, 4, 1)).Should().BeFalse();
    }

    [Fact]
    public void Outcome_Eligibility_ByAgeAtEnrolment_R14()
    {
        var outcome = new OutcomeDefinition("IF-L2", "First level 2 qualification", EveryChildMattersArea.EnjoyAndAchieve, "Certificate awarded",
            ["Certificate"], 0, MinAgeAtEnrolment: 14, MaxAgeAtEnrolment: 15);
        outcome.Check().Should().BeNull();
        outcome.Eligible(13).Should().BeFalse();
        outcome.Eligible(14).Should().BeTrue();
        outcome.Eligible(16).Should().BeFalse();
        (outcome with { MinAgeAtEnrolment = 16 }).Check()!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
    }
}
