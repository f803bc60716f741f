using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Tests.Budgets;

/// <summary>An assessment of need (R5): points per Every Child Matters area, difficulty factors, and the indicative amount with its working.</summary>
public sealed class AssessmentTests
{
    private static readonly ResourceAllocationRule PerPoint = ResourceAllocationRule.Points(Money.FromPounds(150)).Value!;

    private static Result<Assessment> Record(IReadOnlyDictionary<EveryChildMattersArea, int> needs, DifficultyFactors? factors = null,
        string assessedBy = "LP-0001", ClientGroup group = ClientGroup.EarlyHelp, ResourceAllocationRule? rule = null) =>
        Assessment.Record(AssessmentId.New(), AreaId.New(), SubjectId.New(), PoolId.New(), new LocalDate(2026, 5, 1), assessedBy, group, needs,
            factors ?? DifficultyFactors.None, rule ?? PerPoint);

    [Fact]
    public void Record_TotalsThePoints_AndPricesThemWithThePoolsRule_WithWorking_R5()
    {
        var needs = new Dictionary<EveryChildMattersArea, int>
        {
            [EveryChildMattersArea.BeHealthy] = 3,
            [EveryChildMattersArea.StaySafe] = 4,
            [EveryChildMattersArea.EnjoyAndAchieve] = 5,
        };

        var result = Record(needs, new DifficultyFactors(2, 3, 1, 0), group: ClientGroup.ChildInNeed);

        result.Succeeded.Should().BeTrue();
        var a = result.Value!;
        (a.BeHealthy, a.StaySafe, a.EnjoyAndAchieve, a.PositiveContribution, a.EconomicWellBeing).Should().Be((3, 4, 5, 0, 0));
        a.TotalPoints.Should().Be(12);
        a.IndicativeAmount.Should().Be(180_000);
        a.Working.Should().Be("12 points × £150.00 per point = £1,800.00");
        a.ClientGroup.Should().Be(ClientGroup.ChildInNeed);
        a.Factors.Should().Be(new DifficultyFactors(2, 3, 1, 0));
        a.AssessedBy.Should().Be("LP-0001");
    }

    [Fact]
    public void Record_WithABandedRule_GivesTheBandAmountAndSaysWhichBand_R5()
    {
        var bands = ResourceAllocationRule.Banded([new AllocationBand(0, Money.Zero), new AllocationBand(10, Money.FromPounds(2_000))]).Value!;
        var needs = new Dictionary<EveryChildMattersArea, int>
        {
            [EveryChildMattersArea.MakeAPositiveContribution] = 6,
            [EveryChildMattersArea.AchieveEconomicWellBeing] = 6,
        };

        var a = Record(needs, rule: bands).Value!;

        a.TotalPoints.Should().Be(12);
        a.IndicativeAmount.Should().Be(200_000);
        a.Working.Should().Be("12 points falls in the band 10 points or more: £2,000.00");
    }

    [Fact]
    public void Record_NoNeeds_GivesZero()
    {
        var a = Record(new Dictionary<EveryChildMattersArea, int>()).Value!;

        a.TotalPoints.Should().Be(0);
        a.IndicativeAmount.Should().Be(0);
    }

    [Fact]
    public void Record_WithNegativePoints_IsRefusedWithNegativePoints_R5()
    {
        var result = Record(new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.BeHealthy] = 5, [EveryChildMattersArea.StaySafe] = -1 });

        result.Succeeded.Should().BeFalse();
        result.Error!.Code.Should().Be(BudgetErrorCode.NegativePoints);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(0, -1, 0, 0)]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, -1)]
    public void Record_WithNegativeDifficultyFactors_IsRefusedWithNegativePoints_R5(int years, int risks, int severity, int exclusions)
    {
        Record(new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.BeHealthy] = 1 }, new DifficultyFactors(years, risks, severity, exclusions))
            .Error!.Code.Should().Be(BudgetErrorCode.NegativePoints);
    }

    [Fact]
    public void Record_WithADisabilitySeverityAboveThree_IsRefusedWithInvalidRequest()
    {
        Record(new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.BeHealthy] = 1 }, new DifficultyFactors(0, 0, 4, 0))
            .Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
    }

    [Fact]
    public void Record_WithIncrediblePointsOrABadAssessorOrClientGroup_IsRefusedWithInvalidRequest()
    {
        var ok = new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.BeHealthy] = 1 };

        Record(new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.BeHealthy] = 1_001 }).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Record(ok, assessedBy: "not a code").Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Record(ok, group: (ClientGroup)99).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Record(new Dictionary<EveryChildMattersArea, int> { [(EveryChildMattersArea)42] = 1 }).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
    }

    [Fact]
    public void DifficultyFactors_None_IsValid()
    {
        DifficultyFactors.None.IsValid.Should().BeTrue();
        new DifficultyFactors(0, 0, 3, 0).IsValid.Should().BeTrue();
    }
}
