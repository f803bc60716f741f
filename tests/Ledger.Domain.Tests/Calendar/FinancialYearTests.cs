using CsCheck;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Domain.Tests.Calendar;

public sealed class FinancialYearTests
{
    [Fact]
    public void StartingIn_2026_Is2026To27_From1April2026To31March2027()
    {
        var year = FinancialYear.StartingIn(2026);

        year.StartYear.Should().Be(2026);
        year.ToString().Should().Be("2026/27");
        year.Start.Should().Be(new LocalDate(2026, 4, 1));
        year.End.Should().Be(new LocalDate(2027, 3, 31));
    }

    [Theory]
    [InlineData(1999, "1999/00")]
    [InlineData(2099, "2099/00")]
    [InlineData(2009, "2009/10")]
    [InlineData(1900, "1900/01")]
    [InlineData(9998, "9998/99")]
    public void ToString_IsStartYearSlashLastTwoDigitsOfNextYear(int startYear, string expected) =>
        FinancialYear.StartingIn(startYear).ToString().Should().Be(expected);

    [Theory]
    [InlineData(1899)]
    [InlineData(9999)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void StartingIn_YearOutOfRange_Throws(int startYear)
    {
        var act = () => FinancialYear.StartingIn(startYear);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(startYear));
    }

    [Fact]
    public void Default_IsMinValue_1900To01()
    {
        default(FinancialYear).Should().Be(FinancialYear.MinValue);
        default(FinancialYear).ToString().Should().Be("1900/01");
        FinancialYear.MinValue.StartYear.Should().Be(FinancialYear.MinStartYear);
        FinancialYear.MaxValue.StartYear.Should().Be(FinancialYear.MaxStartYear);
    }

    [Fact]
    public void Containing_31March_IsPreviousFinancialYear() =>
        FinancialYear.Containing(new LocalDate(2027, 3, 31)).Should().Be(FinancialYear.StartingIn(2026));

    [Fact]
    public void Containing_1April_IsFinancialYearStartingThatYear() =>
        FinancialYear.Containing(new LocalDate(2027, 4, 1)).Should().Be(FinancialYear.StartingIn(2027));

    [Fact]
    public void Containing_1January_IsFinancialYearStartedTheYearBefore() =>
        FinancialYear.Containing(new LocalDate(2027, 1, 1)).Should().Be(FinancialYear.StartingIn(2026));

    [Fact]
    public void Containing_31December_IsFinancialYearStartingThatYear() =>
        FinancialYear.Containing(new LocalDate(2026, 12, 31)).Should().Be(FinancialYear.StartingIn(2026));

    [Fact]
    public void Containing_29FebruaryInLeapYear_IsFinancialYearStartedTheYearBefore() =>
        FinancialYear.Containing(new LocalDate(2028, 2, 29)).Should().Be(FinancialYear.StartingIn(2027));

    [Fact]
    public void Containing_FirstAndLastSupportedDates_Succeed()
    {
        FinancialYear.Containing(new LocalDate(1900, 4, 1)).Should().Be(FinancialYear.MinValue);
        FinancialYear.Containing(new LocalDate(9999, 3, 31)).Should().Be(FinancialYear.MaxValue);
    }

    [Theory]
    [InlineData(1900, 3, 31)]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 4, 1)]
    [InlineData(9999, 12, 31)]
    public void Containing_DateOutsideSupportedYears_Throws(int year, int month, int day)
    {
        var act = () => FinancialYear.Containing(new LocalDate(year, month, day));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("date");
    }

    [Fact]
    public void Containing_NonIsoDate_Throws()
    {
        var julian = new LocalDate(2026, 4, 1).WithCalendar(CalendarSystem.Julian);

        var act = () => FinancialYear.Containing(julian);

        act.Should().Throw<ArgumentException>().WithParameterName("date");
    }

    [Fact]
    public void Contains_StartAndEnd_AreIncluded_NeighboursAreNot()
    {
        var year = FinancialYear.StartingIn(2026);

        year.Contains(new LocalDate(2026, 4, 1)).Should().BeTrue();
        year.Contains(new LocalDate(2027, 3, 31)).Should().BeTrue();
        year.Contains(new LocalDate(2026, 3, 31)).Should().BeFalse();
        year.Contains(new LocalDate(2027, 4, 1)).Should().BeFalse();
    }

    [Fact]
    public void Contains_DatesFarOutsideSupportedYears_IsFalseWithoutThrowing()
    {
        FinancialYear.MinValue.Contains(new LocalDate(1, 1, 1)).Should().BeFalse();
        FinancialYear.MaxValue.Contains(new LocalDate(9999, 12, 31)).Should().BeFalse();
    }

    [Fact]
    public void Contains_NonIsoDate_Throws()
    {
        var act = () => FinancialYear.StartingIn(2026).Contains(new LocalDate(2026, 6, 1).WithCalendar(CalendarSystem.Julian));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ToDateInterval_CoversStartToEnd_366DaysWhenItIncludes29February()
    {
        var interval = FinancialYear.StartingIn(2026).ToDateInterval();
        interval.Start.Should().Be(new LocalDate(2026, 4, 1));
        interval.End.Should().Be(new LocalDate(2027, 3, 31));
        FinancialYear.StartingIn(2026).ToDateInterval().Length.Should().Be(365);
        FinancialYear.StartingIn(2027).ToDateInterval().Length.Should().Be(366);
    }

    [Fact]
    public void NextAndPrevious_StepOneYear()
    {
        var year = FinancialYear.StartingIn(2026);

        year.Next.Should().Be(FinancialYear.StartingIn(2027));
        year.Previous.Should().Be(FinancialYear.StartingIn(2025));
        year.Next.Previous.Should().Be(year);
        year.Next.Start.Should().Be(year.End.PlusDays(1));
    }

    [Fact]
    public void Next_OfMaxValue_Throws()
    {
        var act = () => FinancialYear.MaxValue.Next;

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Previous_OfMinValue_Throws()
    {
        var act = () => FinancialYear.MinValue.Previous;

        act.Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData("2026/27", 2026)]
    [InlineData("1999/00", 1999)]
    [InlineData("1900/01", 1900)]
    [InlineData("9998/99", 9998)]
    public void Parse_WellFormedText_ReturnsYear(string text, int startYear)
    {
        FinancialYear.Parse(text).Should().Be(FinancialYear.StartingIn(startYear));
        FinancialYear.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(FinancialYear.StartingIn(startYear));
    }

    [Theory]
    [InlineData("2026/28")] // inconsistent: 2026/27 follows 2026
    [InlineData("2026/26")]
    [InlineData("1999/99")]
    [InlineData("1999/100")]
    [InlineData("2026-27")]
    [InlineData("2026\\27")]
    [InlineData("26/27")]
    [InlineData("2026/7")]
    [InlineData("2026/2027")]
    [InlineData("2026")]
    [InlineData(" 2026/27")]
    [InlineData("2026/27 ")]
    [InlineData("2026 /27")]
    [InlineData("")]
    [InlineData("abcd/ef")]
    [InlineData("+026/27")]
    [InlineData("-026/27")]
    [InlineData("\uFF12\uFF10\uFF12\uFF16/27")] // full-width digits
    [InlineData("1899/00")] // before MinValue
    [InlineData("9999/00")] // after MaxValue
    [InlineData("0000/01")]
    public void Parse_MalformedOrInconsistentText_IsRejected(string text)
    {
        FinancialYear.TryParse(text, out var result).Should().BeFalse();
        result.Should().Be(default(FinancialYear));

        var act = () => FinancialYear.Parse(text);
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void TryParse_Null_IsFalse_Parse_Null_Throws()
    {
        FinancialYear.TryParse(null, out _).Should().BeFalse();

        var act = () => FinancialYear.Parse(null!);
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ParseOfToString_RoundTrips_ForEverySupportedYear()
    {
        for (var startYear = FinancialYear.MinStartYear; startYear <= FinancialYear.MaxStartYear; startYear++)
        {
            var year = FinancialYear.StartingIn(startYear);
            FinancialYear.Parse(year.ToString()).Should().Be(year);
        }
    }

    [Fact]
    public void Comparison_OrdersByStartYear()
    {
        var earlier = FinancialYear.StartingIn(2025);
        var later = FinancialYear.StartingIn(2026);

        earlier.CompareTo(later).Should().BeNegative();
        later.CompareTo(earlier).Should().BePositive();
        later.CompareTo(FinancialYear.Parse("2026/27")).Should().Be(0);
        (earlier < later).Should().BeTrue();
        (earlier <= later).Should().BeTrue();
        (later > earlier).Should().BeTrue();
        (later >= earlier).Should().BeTrue();
        (later < earlier).Should().BeFalse();
        (later <= earlier).Should().BeFalse();
        (earlier > later).Should().BeFalse();
        (earlier >= later).Should().BeFalse();
        (later <= FinancialYear.StartingIn(2026)).Should().BeTrue();
        (later >= FinancialYear.StartingIn(2026)).Should().BeTrue();

        new[] { later, FinancialYear.MaxValue, earlier, FinancialYear.MinValue }.Order()
            .Should().Equal(FinancialYear.MinValue, earlier, later, FinancialYear.MaxValue);
    }

    [Fact]
    public void Equality_IsByYear()
    {
        var a = FinancialYear.StartingIn(2026);
        var b = FinancialYear.Parse("2026/27");

        (a == b).Should().BeTrue();
        (a != b).Should().BeFalse();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a == a.Next).Should().BeFalse();
    }

    [Fact]
    public void Containing_AnySupportedDate_ContainsItAndNoNeighbouringYearDoes()
    {
        var first = new LocalDate(1900, 4, 1);
        var days = Period.DaysBetween(first, new LocalDate(9999, 3, 31));

        Gen.Int[0, days].Select(first.PlusDays).Sample(date =>
        {
            var year = FinancialYear.Containing(date);

            year.Contains(date).Should().BeTrue();
            (year.Start <= date).Should().BeTrue();
            (date <= year.End).Should().BeTrue();
            if (year > FinancialYear.MinValue)
            {
                year.Previous.Contains(date).Should().BeFalse();
            }

            if (year < FinancialYear.MaxValue)
            {
                year.Next.Contains(date).Should().BeFalse();
            }
        });
    }
}
