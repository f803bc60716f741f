using Ledger.Domain.Budgets;

namespace Ledger.Domain.Tests.Budgets;

/// <summary>A pool's resource-allocation rule (R5): an indicative amount with its working shown, from points × price or bands.</summary>
public sealed class ResourceAllocationRuleTests
{
    private static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    private static ResourceAllocationRule ThreeBands() => ResourceAllocationRule.Banded(
    [
        new AllocationBand(20, Pounds(3_000)),
        new AllocationBand(0, Money.Zero),
        new AllocationBand(10, Pounds(1_500)),
    ]).Value!;

    [Fact]
    public void Points_GivesPointsTimesPrice_WithTheWorkingShown_R5()
    {
        var rule = ResourceAllocationRule.Points(Pounds(150)).Value!;

        var indicative = rule.Indicate(12);

        indicative.Amount.Should().Be(Pounds(1_800));
        indicative.Working.Should().Be("12 points × £150.00 per point = £1,800.00");
        rule.Describe().Should().Be("£150.00 per assessment point");
    }

    [Fact]
    public void Points_ZeroPoints_GiveZero()
    {
        ResourceAllocationRule.Points(Pounds(150)).Value!.Indicate(0).Amount.Should().Be(Money.Zero);
    }

    [Theory]
    [InlineData(0, 0, "0 points falls in the band 0–9 points: £0.00")]
    [InlineData(9, 0, "9 points falls in the band 0–9 points: £0.00")]
    [InlineData(10, 1_500, "10 points falls in the band 10–19 points: £1,500.00")]
    [InlineData(15, 1_500, "15 points falls in the band 10–19 points: £1,500.00")]
    [InlineData(20, 3_000, "20 points falls in the band 20 points or more: £3,000.00")]
    [InlineData(999, 3_000, "999 points falls in the band 20 points or more: £3,000.00")]
    public void Bands_GiveTheAmountOfTheBandThePointsFallIn_WithTheWorkingShown_R5(int points, int pounds, string working)
    {
        var indicative = ThreeBands().Indicate(points);

        indicative.Amount.Should().Be(Pounds(pounds));
        indicative.Working.Should().Be(working);
    }

    [Fact]
    public void Bands_AreKeptLowestFirst_AndDescribedInPlainWords()
    {
        var rule = ThreeBands();

        rule.PricePerPoint.Should().BeNull();
        rule.Bands.Select(b => b.MinPoints).Should().Equal(0, 10, 20);
        rule.Describe().Should().Be("bands: from 0 points £0.00, from 10 points £1,500.00, from 20 points £3,000.00");
    }

    [Fact]
    public void Storage_RoundTripsBothKindsOfRule()
    {
        var points = ResourceAllocationRule.Points(Pounds(150)).Value!;
        points.ToStorage().Should().Be("points:15000");
        ResourceAllocationRule.FromStorage("points:15000").Indicate(7).Should().Be(points.Indicate(7));

        var bands = ThreeBands();
        bands.ToStorage().Should().Be("bands:0=0;10=150000;20=300000");
        var back = ResourceAllocationRule.FromStorage(bands.ToStorage());
        back.Bands.Should().Equal(bands.Bands);
        back.ToStorage().Should().Be(bands.ToStorage());
    }

    [Theory]
    [InlineData("")]
    [InlineData("price:100")]
    [InlineData("points:0")]
    [InlineData("points:-5")]
    [InlineData("bands:5=100")]
    [InlineData("bands:0=100;0=200")]
    [InlineData("bands:0=-1")]
    public void Storage_ThatIsNotAValidRule_IsAFormatException(string text)
    {
        var read = () => ResourceAllocationRule.FromStorage(text);

        read.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Points_WithAPriceThatIsNotAboveZero_IsRefusedWithInvalidAmount(long pence)
    {
        ResourceAllocationRule.Points(Money.FromPence(pence)).Error!.Code.Should().Be(BudgetErrorCode.InvalidAmount);
    }

    [Fact]
    public void Bands_ThatAreMissingOrDoNotStartAtZeroOrRepeatAStart_AreRefusedWithInvalidRequest()
    {
        ResourceAllocationRule.Banded([]).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        ResourceAllocationRule.Banded([new AllocationBand(5, Pounds(10))]).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        ResourceAllocationRule.Banded([new AllocationBand(0, Pounds(10)), new AllocationBand(0, Pounds(20))]).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidRequest);
    }

    [Fact]
    public void Bands_WithANegativeAmount_AreRefusedWithInvalidAmount()
    {
        ResourceAllocationRule.Banded([new AllocationBand(0, Money.Zero), new AllocationBand(10, Pounds(-1))]).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidAmount);
    }

    [Fact]
    public void Indicate_NegativePoints_Throws()
    {
        var indicate = () => ResourceAllocationRule.Points(Pounds(1)).Value!.Indicate(-1);

        indicate.Should().Throw<ArgumentOutOfRangeException>();
    }
}
