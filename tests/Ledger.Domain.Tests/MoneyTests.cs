using CsCheck;

namespace Ledger.Domain.Tests;

public sealed class MoneyTests
{
    private static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    // ---- Allocate ----

    [Fact]
    public void Allocate_100PoundsThreeWays_Gives3334_3333_3333()
    {
        var parts = Pounds(100.00m).Allocate([1, 1, 1]);

        parts.Should().Equal(Pounds(33.34m), Pounds(33.33m), Pounds(33.33m));
    }

    [Fact]
    public void Allocate_NegativeAmount_IsSplitAsItsAbsoluteValueThenNegated()
    {
        var parts = Pounds(-100.00m).Allocate([1, 1, 1]);

        parts.Should().Equal(Pounds(-33.34m), Pounds(-33.33m), Pounds(-33.33m));
    }

    [Fact]
    public void Allocate_LeftoverPenniesGoToLargestRemainders()
    {
        // 10p by (1, 2, 3): exact shares 1.67, 3.33, 5.00 -> floors 1, 3, 5; the one spare penny goes to the 0.67 remainder.
        Money.FromPence(10).Allocate([1, 2, 3]).Select(m => m.Pence).Should().Equal(2, 3, 5);
    }

    [Fact]
    public void Allocate_TiesGoToTheEarliestPart()
    {
        Money.FromPence(5).Allocate([1, 1, 1, 1]).Select(m => m.Pence).Should().Equal(2, 1, 1, 1);
        Money.FromPence(2).Allocate([1, 1, 1]).Select(m => m.Pence).Should().Equal(1, 1, 0);
    }

    [Fact]
    public void Allocate_ProRataSplitOfWorkedExample4_Is225And75()
    {
        // A £400 hold of £300 CSC + £100 HEALTH posted at £300.
        Pounds(300m).Allocate([30_000, 10_000]).Should().Equal(Pounds(225m), Pounds(75m));
    }

    [Fact]
    public void Allocate_ZeroWeights_GetNothing()
    {
        Money.FromPence(101).Allocate([0, 1, 0, 1, 0]).Select(m => m.Pence).Should().Equal(0, 51, 0, 50, 0);
    }

    [Fact]
    public void Allocate_SingleWeight_GetsEverything()
    {
        Money.FromPence(12_345).Allocate([7]).Should().Equal(Money.FromPence(12_345));
        Money.FromPence(long.MaxValue).Allocate([1]).Should().Equal(Money.FromPence(long.MaxValue));
    }

    [Fact]
    public void Allocate_ZeroAmount_GivesZeroParts()
    {
        Money.Zero.Allocate([3, 0, 9]).Should().OnlyContain(m => m.IsZero).And.HaveCount(3);
    }

    [Fact]
    public void Allocate_HugeAmountAndHugeWeights_DoesNotOverflow()
    {
        var parts = Money.FromPence(long.MaxValue).Allocate([long.MaxValue, long.MaxValue, 1]);

        parts.Aggregate(Money.Zero, (a, b) => a + b).Should().Be(Money.FromPence(long.MaxValue));
        parts[2].Pence.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Allocate_MostNegativeAmount_KeepsEveryPenny()
    {
        // -9,223,372,036,854,775,808 pence is a valid Money; its absolute value is not a long.
        var amount = Money.FromPence(long.MinValue);

        amount.Allocate([1, 1]).Should().Equal(Money.FromPence(long.MinValue / 2), Money.FromPence(long.MinValue / 2));
    }

    [Fact]
    public void Allocate_MostNegativeAmount_ToOnePart_ReturnsTheAmount()
    {
        Money.FromPence(long.MinValue).Allocate([1]).Should().Equal(Money.FromPence(long.MinValue));
    }

    [Fact]
    public void Allocate_NoWeights_Throws()
    {
        var act = () => Money.FromPence(100).Allocate([]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Allocate_AllWeightsZero_Throws()
    {
        var act = () => Money.FromPence(100).Allocate([0, 0]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Allocate_NegativeWeight_Throws()
    {
        var act = () => Money.FromPence(100).Allocate([2, -1]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Allocate_NullWeights_Throws()
    {
        var act = () => Money.FromPence(100).Allocate(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    private static readonly Gen<long> AnyAmount = Gen.OneOf(
        Gen.Long[-1_000_000_000, 1_000_000_000],
        Gen.Long[long.MinValue + 1, long.MaxValue],
        Gen.Long[-100, 100]);

    private static readonly Gen<long[]> AnyWeights = Gen.OneOf(
        Gen.Long[0, 10].Array[1, 12],
        Gen.Long[0, 1_000_000].Array[1, 8],
        Gen.Long[0, long.MaxValue].Array[1, 5]).Where(w => w.Any(x => x > 0));

    [Fact]
    public void Allocate_Property_PartsAlwaysSumToTheAmount_ZeroWeightsGetNothing_AndPartsAreWithinAPennyOfTheExactShare()
    {
        Gen.Select(AnyAmount, AnyWeights).Sample((pence, weights) =>
        {
            var parts = Money.FromPence(pence).Allocate(weights);

            parts.Should().HaveCount(weights.Length);
            parts.Select(p => (Int128)p.Pence).Aggregate(Int128.Zero, (a, b) => a + b).Should().Be((Int128)pence);

            Int128 total = 0;
            foreach (var w in weights)
            {
                total += w;
            }

            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] == 0)
                {
                    parts[i].IsZero.Should().BeTrue("a zero weight gets nothing");
                }

                // Every part has the amount's sign and differs from the exact share by less than a penny.
                if (pence > 0)
                {
                    parts[i].IsNegative.Should().BeFalse();
                }
                else if (pence < 0)
                {
                    parts[i].IsPositive.Should().BeFalse();
                }

                var absolute = Int128.Abs(pence);
                var exactNumerator = absolute * weights[i];
                var part = Int128.Abs(parts[i].Pence);
                (part * total - exactNumerator).Should().BeGreaterThan(-total).And.BeLessThan(total);
            }
        }, iter: 500);
    }

    [Fact]
    public void Allocate_Property_NegatingTheAmountNegatesEveryPart()
    {
        Gen.Select(Gen.Long[long.MinValue + 1, long.MaxValue], AnyWeights).Sample((pence, weights) =>
        {
            var positive = Money.FromPence(pence).Allocate(weights);
            var negative = Money.FromPence(-pence).Allocate(weights);

            negative.Should().Equal(positive.Select(p => -p));
        }, iter: 300);
    }

    // ---- Split ----

    [Fact]
    public void Split_100PoundsIntoThree_LargerPartsFirst()
    {
        Pounds(100m).Split(3).Should().Equal(Pounds(33.34m), Pounds(33.33m), Pounds(33.33m));
    }

    [Fact]
    public void Split_FewerPenniesThanParts_GivesOnePennyToTheFirstParts()
    {
        Money.FromPence(2).Split(4).Select(m => m.Pence).Should().Equal(1, 1, 0, 0);
    }

    [Fact]
    public void Split_IntoOne_IsTheAmount()
    {
        Pounds(12.34m).Split(1).Should().Equal(Pounds(12.34m));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Split_CountBelowOne_Throws(int count)
    {
        var act = () => Pounds(1m).Split(count);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Split_Property_PartsSumToAmount_DifferByAtMostAPenny_AndAreInDescendingMagnitude()
    {
        Gen.Select(AnyAmount, Gen.Int[1, 50]).Sample((pence, count) =>
        {
            var parts = Money.FromPence(pence).Split(count);

            parts.Should().HaveCount(count);
            parts.Aggregate(Money.Zero, (a, b) => a + b).Should().Be(Money.FromPence(pence));
            var magnitudes = parts.Select(p => Int128.Abs(p.Pence)).ToArray();
            (magnitudes.Max() - magnitudes.Min()).Should().BeLessThanOrEqualTo(1);
            magnitudes.Should().BeInDescendingOrder();
        }, iter: 300);
    }

    // ---- Checked arithmetic ----

    [Fact]
    public void Add_Overflow_Throws()
    {
        var act = () => Money.FromPence(long.MaxValue) + Money.FromPence(1);

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Subtract_Underflow_Throws()
    {
        var act = () => Money.FromPence(long.MinValue) - Money.FromPence(1);

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Negate_MostNegative_Throws()
    {
        var act = () => -Money.FromPence(long.MinValue);

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Abs_MostNegative_Throws()
    {
        var act = () => Money.FromPence(long.MinValue).Abs();

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void MultiplyByCount_Overflow_Throws()
    {
        var act = () => Money.FromPence(long.MaxValue / 2 + 1) * 2;

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void NamedArithmetic_MatchesOperators_AndThrowsOnOverflowToo()
    {
        Money.Add(Pounds(1.50m), Pounds(2.25m)).Should().Be(Pounds(3.75m));
        Money.Subtract(Pounds(1.50m), Pounds(2.25m)).Should().Be(Pounds(-0.75m));
        Money.Negate(Pounds(1.50m)).Should().Be(Pounds(-1.50m));
        Money.Multiply(Pounds(12.50m), 8).Should().Be(Pounds(100m));

        var act = () => Money.Add(Money.FromPence(long.MaxValue), Money.FromPence(1));
        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void MinMaxAbsAndComparisons_Work()
    {
        var a = Pounds(-3m);
        var b = Pounds(2m);

        Money.Min(a, b).Should().Be(a);
        Money.Max(a, b).Should().Be(b);
        a.Abs().Should().Be(Pounds(3m));
        (a < b).Should().BeTrue();
        (b > a).Should().BeTrue();
        (a <= Pounds(-3m)).Should().BeTrue();
        (b >= a).Should().BeTrue();
        a.CompareTo(b).Should().BeNegative();
        a.IsNegative.Should().BeTrue();
        b.IsPositive.Should().BeTrue();
        Money.Zero.IsZero.Should().BeTrue();
    }

    // ---- FromPounds ----

    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("0.01", 1)]
    [InlineData("-3", -300)]
    [InlineData("12.340000", 1234)]
    [InlineData("0", 0)]
    public void FromPounds_WholePence_IsExact(string pounds, long pence)
    {
        Money.FromPounds(decimal.Parse(pounds, System.Globalization.CultureInfo.InvariantCulture)).Pence.Should().Be(pence);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("0.001")]
    [InlineData("-0.005")]
    public void FromPounds_FractionOfAPenny_Throws(string pounds)
    {
        var act = () => Money.FromPounds(decimal.Parse(pounds, System.Globalization.CultureInfo.InvariantCulture));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void FromPounds_TooLarge_ThrowsOverflow()
    {
        var act = () => Money.FromPounds(92_233_720_368_547_758.08m);
        var huge = () => Money.FromPounds(decimal.MaxValue);

        act.Should().Throw<OverflowException>();
        huge.Should().Throw<OverflowException>();
    }

    [Fact]
    public void FromPounds_LargestAmount_Fits()
    {
        Money.FromPounds(92_233_720_368_547_758.07m).Pence.Should().Be(long.MaxValue);
    }

    // ---- TryParse ----

    [Theory]
    [InlineData("£1,234.56", 123_456)]
    [InlineData("-£3.00", -300)]
    [InlineData("12", 1_200)]
    [InlineData("1234.56", 123_456)]
    [InlineData("1,234.56", 123_456)]
    [InlineData("  £0.5 ", 50)]
    [InlineData("-12.3", -1_230)]
    public void TryParse_AcceptsPoundsWithOptionalSignSymbolAndThousands(string text, long pence)
    {
        Money.TryParse(text, out var money).Should().BeTrue();
        money.Pence.Should().Be(pence);
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("£")]
    [InlineData("-")]
    [InlineData("--3")]
    [InlineData("£-3")]
    [InlineData("+3")]
    [InlineData("1e3")]
    [InlineData("12.3.4")]
    [InlineData("$12")]
    public void TryParse_RefusesAnythingElse_AndLeavesZero(string? text)
    {
        Money.TryParse(text, out var money).Should().BeFalse();
        money.Should().Be(Money.Zero);
    }

    [Theory]
    [InlineData("1,23")]
    [InlineData("1,,2")]
    [InlineData("1,234,")]
    [InlineData("12,34.56")]
    [InlineData("£1,2")]
    public void TryParse_MisplacedThousandsSeparators_AreRefused(string text)
    {
        Money.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void TryParse_RoundTripsToString_Property()
    {
        Gen.Long[long.MinValue + 1, long.MaxValue].Sample(pence =>
        {
            var money = Money.FromPence(pence);
            Money.TryParse(money.ToString(), out var parsed).Should().BeTrue();
            parsed.Should().Be(money);
            Money.TryParse(money.ToDecimalString(), out var parsedDecimal).Should().BeTrue();
            parsedDecimal.Should().Be(money);
        }, iter: 300);
    }

    // ---- MultiplyBy ----

    [Theory]
    [InlineData(5, "0.5", MidpointRounding.ToEven, 2)]
    [InlineData(5, "0.5", MidpointRounding.AwayFromZero, 3)]
    [InlineData(5, "0.5", MidpointRounding.ToZero, 2)]
    [InlineData(5, "0.5", MidpointRounding.ToNegativeInfinity, 2)]
    [InlineData(5, "0.5", MidpointRounding.ToPositiveInfinity, 3)]
    [InlineData(-5, "0.5", MidpointRounding.ToEven, -2)]
    [InlineData(-5, "0.5", MidpointRounding.AwayFromZero, -3)]
    [InlineData(-5, "0.5", MidpointRounding.ToZero, -2)]
    [InlineData(-5, "0.5", MidpointRounding.ToNegativeInfinity, -3)]
    [InlineData(-5, "0.5", MidpointRounding.ToPositiveInfinity, -2)]
    [InlineData(7, "0.5", MidpointRounding.ToEven, 4)]
    [InlineData(100_000, "0.2", MidpointRounding.ToEven, 20_000)]
    [InlineData(100_000, "1.25", MidpointRounding.AwayFromZero, 125_000)]
    [InlineData(333, "0.333", MidpointRounding.AwayFromZero, 111)]
    public void MultiplyBy_RoundsWithTheNamedRule(long pence, string factor, MidpointRounding rounding, long expected)
    {
        Money.FromPence(pence)
            .MultiplyBy(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture), rounding)
            .Pence.Should().Be(expected);
    }

    [Fact]
    public void MultiplyBy_CoPayerShares_SumToTheOutcome_WorkedExample7()
    {
        var outcome = Pounds(1_000m);
        var central = outcome.MultiplyBy(0.2m, MidpointRounding.ToEven);

        central.Should().Be(Pounds(200m));
        (outcome - central).Should().Be(Pounds(800m));
    }

    [Fact]
    public void MultiplyBy_ResultOutOfRange_ThrowsOverflow()
    {
        var act = () => Money.FromPence(long.MaxValue).MultiplyBy(2m, MidpointRounding.ToEven);

        act.Should().Throw<OverflowException>();
    }

    // ---- ToString ----

    [Theory]
    [InlineData(123_450, "£1,234.50")]
    [InlineData(-300, "-£3.00")]
    [InlineData(0, "£0.00")]
    [InlineData(5, "£0.05")]
    [InlineData(-5, "-£0.05")]
    [InlineData(100_000_000, "£1,000,000.00")]
    public void ToString_IsPoundsWithThousandsAndTwoPlaces(long pence, string expected)
    {
        Money.FromPence(pence).ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData(-123_450, "-1234.50")]
    [InlineData(7, "0.07")]
    public void ToDecimalString_IsPlainInvariant(long pence, string expected)
    {
        Money.FromPence(pence).ToDecimalString().Should().Be(expected);
    }
}
