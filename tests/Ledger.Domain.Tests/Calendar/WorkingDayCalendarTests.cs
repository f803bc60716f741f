using CsCheck;
using Ledger.Domain.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Domain.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar EnglandAndWales = WorkingDayCalendar.EnglandAndWales;

    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    // ---- DOMAIN.md worked example 8 (R18) -------------------------------------------------------------

    [Fact]
    public void Example8_SustainEndsFriday1March2013_15thWorkingDayAfterIsFriday22March2013()
    {
        var sustainEnd = D("2013-03-01");

        sustainEnd.DayOfWeek.Should().Be(IsoDayOfWeek.Friday);
        EnglandAndWales.AddWorkingDays(sustainEnd, 15).Should().Be(D("2013-03-22"));
        EnglandAndWales.WorkingDaysBetween(sustainEnd, D("2013-03-22")).Should().Be(15);
        EnglandAndWales.WorkingDaysBetween(sustainEnd, D("2013-03-21")).Should().Be(14);
    }

    [Fact]
    public void Example8_ClaimOnMonday11March2013_IsFewerThan15WorkingDaysAfterSustainEnd()
    {
        var working = EnglandAndWales.WorkingDaysBetween(D("2013-03-01"), D("2013-03-11"));

        working.Should().Be(6);
        working.Should().BeLessThan(15);
    }

    [Fact]
    public void Example8_ClaimOnMonday25March2013_IsAtLeast15WorkingDaysAfterSustainEnd()
    {
        var working = EnglandAndWales.WorkingDaysBetween(D("2013-03-01"), D("2013-03-25"));

        working.Should().Be(16);
        working.Should().BeGreaterThanOrEqualTo(15);
    }

    // ---- The England and Wales data -------------------------------------------------------------------

    [Fact]
    public void EnglandAndWales_Covers2010To2035Inclusive()
    {
        EnglandAndWales.FirstCoveredDate.Should().Be(D("2010-01-01"));
        EnglandAndWales.LastCoveredDate.Should().Be(D("2035-12-31"));
    }

    [Fact]
    public void EnglandAndWales_IsLoadedOnce() =>
        WorkingDayCalendar.EnglandAndWales.Should().BeSameAs(WorkingDayCalendar.EnglandAndWales);

    [Theory]
    [InlineData("2013-03-29", "2013-04-01")]
    [InlineData("2024-03-29", "2024-04-01")]
    [InlineData("2025-04-18", "2025-04-21")]
    public void Easter_GoodFridayAndEasterMonday_AreBankHolidays(string goodFriday, string easterMonday)
    {
        var friday = D(goodFriday);
        var monday = D(easterMonday);

        friday.DayOfWeek.Should().Be(IsoDayOfWeek.Friday);
        monday.Should().Be(friday.PlusDays(3));
        foreach (var date in new[] { friday, monday })
        {
            EnglandAndWales.IsBankHoliday(date).Should().BeTrue(because: $"{date} is an Easter bank holiday");
            EnglandAndWales.IsWorkingDay(date).Should().BeFalse();
        }

        EnglandAndWales.IsWorkingDay(friday.PlusDays(-1)).Should().BeTrue("Maundy Thursday is a working day");
        EnglandAndWales.IsWorkingDay(monday.PlusDays(1)).Should().BeTrue("the Tuesday after Easter is a working day");
    }

    [Fact]
    public void Year2011_RoyalWeddingOn29April_IsBankHoliday() =>
        EnglandAndWales.IsBankHoliday(D("2011-04-29")).Should().BeTrue();

    [Fact]
    public void Year2012_SpringHolidayMovedTo4June_And5JuneDiamondJubilee()
    {
        EnglandAndWales.IsBankHoliday(D("2012-06-04")).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(D("2012-06-05")).Should().BeTrue();
        EnglandAndWales.IsWorkingDay(D("2012-05-28")).Should().BeTrue("the last Monday of May 2012 was not a holiday");
    }

    [Fact]
    public void Year2020_EarlyMayHolidayMovedToFriday8MayForVeDay()
    {
        EnglandAndWales.IsBankHoliday(D("2020-05-08")).Should().BeTrue();
        EnglandAndWales.IsWorkingDay(D("2020-05-04")).Should().BeTrue("the first Monday of May 2020 was not a holiday");
    }

    [Fact]
    public void Year2022_SpringHolidayMovedTo2June_PlatinumJubilee3June_StateFuneral19September()
    {
        EnglandAndWales.IsBankHoliday(D("2022-06-02")).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(D("2022-06-03")).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(D("2022-09-19")).Should().BeTrue();
        EnglandAndWales.IsWorkingDay(D("2022-05-30")).Should().BeTrue("the last Monday of May 2022 was not a holiday");
    }

    [Fact]
    public void Year2023_CoronationOn8May_IsBankHolidayAlongsideTheUsualMayHolidays()
    {
        EnglandAndWales.IsBankHoliday(D("2023-05-01")).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(D("2023-05-08")).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(D("2023-05-29")).Should().BeTrue();
    }

    [Theory]
    [InlineData("2010-12-27", "2010-12-28")] // Christmas Saturday: Monday and Tuesday
    [InlineData("2021-12-27", "2021-12-28")] // Christmas Saturday
    [InlineData("2027-12-27", "2027-12-28")] // Christmas Saturday
    [InlineData("2022-12-26", "2022-12-27")] // Christmas Sunday: Boxing Day Monday, Christmas substitute Tuesday
    [InlineData("2016-12-26", "2016-12-27")] // Christmas Sunday
    public void ChristmasAtAWeekend_SubstituteDaysFollowOnMondayAndTuesday(string monday, string tuesday)
    {
        var mon = D(monday);
        var tue = D(tuesday);
        var christmas = new LocalDate(mon.Year, 12, 25);

        christmas.DayOfWeek.Should().BeOneOf(IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday);
        EnglandAndWales.IsBankHoliday(mon).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(tue).Should().BeTrue();
        EnglandAndWales.IsWorkingDay(christmas).Should().BeFalse();
        EnglandAndWales.IsBankHoliday(christmas).Should().BeFalse("the weekend day itself is not listed; its substitute is");
        EnglandAndWales.IsWorkingDay(tue.PlusDays(1)).Should().BeTrue();
    }

    [Theory]
    [InlineData("2015-12-28")]
    [InlineData("2020-12-28")]
    [InlineData("2026-12-28")]
    public void BoxingDayOnSaturday_SubstituteIsMonday28December(string substitute)
    {
        var date = D(substitute);

        new LocalDate(date.Year, 12, 25).DayOfWeek.Should().Be(IsoDayOfWeek.Friday);
        EnglandAndWales.IsBankHoliday(new LocalDate(date.Year, 12, 25)).Should().BeTrue();
        EnglandAndWales.IsBankHoliday(date).Should().BeTrue();
        EnglandAndWales.IsWorkingDay(D($"{date.Year}-12-29")).Should().BeTrue();
    }

    [Theory]
    [InlineData("2011-01-03")] // Saturday 1 January
    [InlineData("2022-01-03")] // Saturday
    [InlineData("2012-01-02")] // Sunday
    [InlineData("2017-01-02")] // Sunday
    [InlineData("2023-01-02")] // Sunday
    [InlineData("2033-01-03")] // Saturday
    public void NewYearsDayAtAWeekend_SubstituteIsFollowingMonday(string substitute)
    {
        var date = D(substitute);

        date.DayOfWeek.Should().Be(IsoDayOfWeek.Monday);
        new LocalDate(date.Year, 1, 1).DayOfWeek.Should().BeOneOf(IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday);
        EnglandAndWales.IsBankHoliday(date).Should().BeTrue();
    }

    public static TheoryData<int> CoveredYears()
    {
        var years = new TheoryData<int>();
        for (var year = 2010; year <= 2035; year++)
        {
            years.Add(year);
        }

        return years;
    }

    [Theory]
    [MemberData(nameof(CoveredYears))]
    public void HolidaysPerYear_AreEight_Except2011And2012And2023Nine_And2022Ten(int year)
    {
        var expected = year switch
        {
            2011 or 2012 or 2023 => 9,
            2022 => 10,
            _ => 8,
        };

        HolidaysIn(year).Should().HaveCount(expected);
    }

    [Fact]
    public void Year2026_HolidaysAreExactlyTheStandingOnes()
    {
        HolidaysIn(2026).Should().Equal(
            D("2026-01-01"),
            D("2026-04-03"),
            D("2026-04-06"),
            D("2026-05-04"),
            D("2026-05-25"),
            D("2026-08-31"),
            D("2026-12-25"),
            D("2026-12-28"));
    }

    [Theory]
    [MemberData(nameof(CoveredYears))]
    public void EveryYear_MatchesStandingRulesPlusKnownOneOffChanges(int year) =>
        HolidaysIn(year).Should().Equal(ExpectedHolidays(year));

    [Fact]
    public void NoListedHoliday_FallsAtAWeekend()
    {
        for (var year = 2010; year <= 2035; year++)
        {
            HolidaysIn(year).Should().NotContain(d => d.DayOfWeek == IsoDayOfWeek.Saturday || d.DayOfWeek == IsoDayOfWeek.Sunday);
        }
    }

    // ---- Working days ---------------------------------------------------------------------------------

    [Fact]
    public void IsWorkingDay_WeekdayIsWorking_WeekendIsNot()
    {
        EnglandAndWales.IsWorkingDay(D("2026-06-09")).Should().BeTrue(); // Tuesday
        EnglandAndWales.IsWorkingDay(D("2026-06-13")).Should().BeFalse(); // Saturday
        EnglandAndWales.IsWorkingDay(D("2026-06-14")).Should().BeFalse(); // Sunday
        EnglandAndWales.IsBankHoliday(D("2026-06-13")).Should().BeFalse();
    }

    [Fact]
    public void AddWorkingDays_Zero_FromWorkingDay_ReturnsStart() =>
        EnglandAndWales.AddWorkingDays(D("2013-03-28"), 0).Should().Be(D("2013-03-28"));

    [Fact]
    public void AddWorkingDays_Zero_FromSaturday_ReturnsMonday() =>
        EnglandAndWales.AddWorkingDays(D("2013-03-02"), 0).Should().Be(D("2013-03-04"));

    [Fact]
    public void AddWorkingDays_Zero_FromGoodFriday_ReturnsTuesdayAfterEaster() =>
        EnglandAndWales.AddWorkingDays(D("2013-03-29"), 0).Should().Be(D("2013-04-02"));

    [Fact]
    public void AddWorkingDays_One_FromFriday_IsMonday() =>
        EnglandAndWales.AddWorkingDays(D("2013-03-01"), 1).Should().Be(D("2013-03-04"));

    [Fact]
    public void AddWorkingDays_One_FromChristmasEve2021_SkipsSubstituteDays() =>
        EnglandAndWales.AddWorkingDays(D("2021-12-24"), 1).Should().Be(D("2021-12-29"));

    [Fact]
    public void AddWorkingDays_FromAHoliday_CountsFromTheNextWorkingDay() =>
        EnglandAndWales.AddWorkingDays(D("2013-03-29"), 1).Should().Be(D("2013-04-02"));

    [Fact]
    public void WorkingDaysBetween_SameDate_IsZero() =>
        EnglandAndWales.WorkingDaysBetween(D("2013-03-04"), D("2013-03-04")).Should().Be(0);

    [Fact]
    public void WorkingDaysBetween_ExcludesFromIncludesTo()
    {
        EnglandAndWales.WorkingDaysBetween(D("2013-03-04"), D("2013-03-05")).Should().Be(1); // Mon -> Tue
        EnglandAndWales.WorkingDaysBetween(D("2013-03-01"), D("2013-03-03")).Should().Be(0); // Fri -> Sun
        EnglandAndWales.WorkingDaysBetween(D("2013-03-02"), D("2013-03-04")).Should().Be(1); // Sat -> Mon
    }

    [Fact]
    public void WorkingDaysBetween_Reversed_IsNegated()
    {
        EnglandAndWales.WorkingDaysBetween(D("2013-03-25"), D("2013-03-01")).Should().Be(-16);
    }

    [Fact]
    public void WorkingDaysBetween_ChristmasWeek2022_SkipsBoxingDayAndSubstitute() =>
        EnglandAndWales.WorkingDaysBetween(D("2022-12-23"), D("2022-12-30")).Should().Be(3); // 28, 29, 30

    // ---- Coverage and argument checks -----------------------------------------------------------------

    [Theory]
    [InlineData("2009-12-31")]
    [InlineData("2036-01-01")]
    [InlineData("1900-06-01")]
    public void AnyQuestion_AboutAnUncoveredDate_Throws(string iso)
    {
        var date = D(iso);

        FluentActions.Invoking(() => EnglandAndWales.IsWorkingDay(date)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("date");
        FluentActions.Invoking(() => EnglandAndWales.IsBankHoliday(date)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("date");
        FluentActions.Invoking(() => EnglandAndWales.AddWorkingDays(date, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start");
        FluentActions.Invoking(() => EnglandAndWales.WorkingDaysBetween(date, D("2020-01-01"))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("from");
        FluentActions.Invoking(() => EnglandAndWales.WorkingDaysBetween(D("2020-01-01"), date)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("to");
    }

    [Fact]
    public void AddWorkingDays_ResultBeyondLastCoveredDate_Throws()
    {
        EnglandAndWales.AddWorkingDays(D("2035-12-28"), 1).Should().Be(D("2035-12-31"));

        var act = () => EnglandAndWales.AddWorkingDays(D("2035-12-28"), 2);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("workingDays");

        var huge = () => EnglandAndWales.AddWorkingDays(D("2035-12-28"), int.MaxValue);
        huge.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("workingDays");
    }

    [Fact]
    public void AddWorkingDays_ZeroFromWeekendAtEndOfCoverage_ThrowsBecauseNextWorkingDayIsUnknown()
    {
        var calendar = new WorkingDayCalendar([], new DateInterval(D("2024-01-01"), D("2024-01-06"))); // ends on a Saturday

        var act = () => calendar.AddWorkingDays(D("2024-01-06"), 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void AddWorkingDays_NegativeCount_Throws()
    {
        var act = () => EnglandAndWales.AddWorkingDays(D("2020-01-01"), -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("workingDays");
    }

    [Fact]
    public void NonIsoDate_Throws()
    {
        var julian = D("2020-06-01").WithCalendar(CalendarSystem.Julian);

        FluentActions.Invoking(() => EnglandAndWales.IsWorkingDay(julian)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => EnglandAndWales.AddWorkingDays(julian, 1)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_UsesGivenHolidaysAndRange()
    {
        var calendar = new WorkingDayCalendar(
            [D("2024-01-15"), D("2024-01-15"), D("2024-01-13")], // duplicate ignored; Saturday allowed
            new DateInterval(D("2024-01-01"), D("2024-01-31")));

        calendar.FirstCoveredDate.Should().Be(D("2024-01-01"));
        calendar.LastCoveredDate.Should().Be(D("2024-01-31"));
        calendar.IsBankHoliday(D("2024-01-15")).Should().BeTrue();
        calendar.IsBankHoliday(D("2024-01-13")).Should().BeTrue();
        calendar.IsWorkingDay(D("2024-01-15")).Should().BeFalse();
        calendar.IsWorkingDay(D("2024-01-01")).Should().BeTrue("New Year's Day is not a holiday in this calendar");
        calendar.AddWorkingDays(D("2024-01-12"), 1).Should().Be(D("2024-01-16"));
        calendar.WorkingDaysBetween(D("2024-01-01"), D("2024-01-31")).Should().Be(21);
    }

    [Fact]
    public void Constructor_HolidayOutsideRange_Throws()
    {
        var act = () => new WorkingDayCalendar([D("2025-01-01")], new DateInterval(D("2024-01-01"), D("2024-12-31")));

        act.Should().Throw<ArgumentException>().WithParameterName("holidays");
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        FluentActions.Invoking(() => new WorkingDayCalendar(null!, new DateInterval(D("2024-01-01"), D("2024-12-31"))))
            .Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new WorkingDayCalendar([], null!))
            .Should().Throw<ArgumentNullException>();
    }

    // ---- Strict parsing of the holiday list -----------------------------------------------------------

    [Fact]
    public void Parse_CommentsAndHolidays_CoverWholeYearsFromFirstToLast()
    {
        var calendar = WorkingDayCalendar.Parse(new StringReader("# comment\n2024-01-01\tNew Year's Day\n# another\r\n2025-01-01\tNew Year's Day\n"), "test");

        calendar.FirstCoveredDate.Should().Be(D("2024-01-01"));
        calendar.LastCoveredDate.Should().Be(D("2025-12-31"));
        calendar.IsBankHoliday(D("2025-01-01")).Should().BeTrue();
    }

    [Theory]
    [InlineData("2024-01-01 New Year's Day")] // space, not tab
    [InlineData("2024-01-01\t")] // no name
    [InlineData("2024-01-01\t New Year's Day")] // padded name
    [InlineData("2024-01-01\tNew Year's Day ")]
    [InlineData("2024-01-01\tNew\tYear")]
    [InlineData(" 2024-01-01\tNew Year's Day")]
    [InlineData("2024-1-01\tNew Year's Day")]
    [InlineData("2024-13-01\tNonsense")]
    [InlineData("2024-02-30\tNonsense")]
    [InlineData("01/01/2024\tNew Year's Day")]
    [InlineData("2024-01-01\tA\n\n2024-01-02\tB")] // blank line
    [InlineData(" # indented comment\n2024-01-01\tA")]
    [InlineData("2024-01-06\tA Saturday")] // weekend: needs a substitute day
    [InlineData("2024-01-02\tB\n2024-01-01\tA")] // out of order
    [InlineData("2024-01-01\tA\n2024-01-01\tA")] // duplicate
    [InlineData("2024-01-01\tA\n2026-01-01\tB")] // 2025 missing
    [InlineData("# only comments")]
    public void Parse_MalformedText_Throws(string text)
    {
        var act = () => WorkingDayCalendar.Parse(new StringReader(text), "test");

        act.Should().Throw<InvalidDataException>();
    }

    // ---- Properties -----------------------------------------------------------------------------------

    private static readonly Gen<LocalDate> CoveredDate =
        Gen.Int[0, Period.DaysBetween(D("2010-01-01"), D("2035-06-30"))].Select(D("2010-01-01").PlusDays);

    [Fact]
    public void AddWorkingDays_AlwaysLandsOnAWorkingDay_AndWorkingDaysBetweenRecoversTheCount()
    {
        Gen.Select(CoveredDate, Gen.Int[0, 120], (start, n) => (start, n)).Sample(t =>
        {
            var (start, n) = t;
            var result = EnglandAndWales.AddWorkingDays(start, n);

            EnglandAndWales.IsWorkingDay(result).Should().BeTrue();
            (result >= start).Should().BeTrue();
            if (n >= 1 || EnglandAndWales.IsWorkingDay(start))
            {
                EnglandAndWales.WorkingDaysBetween(start, result).Should().Be(n);
            }
            else
            {
                // n = 0 from a weekend day or holiday rolls forward to the next working day.
                EnglandAndWales.WorkingDaysBetween(start, result).Should().Be(1);
            }

            if (n >= 1)
            {
                // The earliest such day: the day before has one fewer.
                EnglandAndWales.WorkingDaysBetween(start, result.PlusDays(-1)).Should().Be(n - 1);
            }
        });
    }

    [Fact]
    public void WorkingDaysBetween_MatchesCountingDayByDay_AndIsAntisymmetric()
    {
        Gen.Select(CoveredDate, Gen.Int[0, 180], (from, days) => (from, to: from.PlusDays(days))).Sample(t =>
        {
            var (from, to) = t;
            var expected = 0;
            for (var day = from.PlusDays(1); day <= to; day = day.PlusDays(1))
            {
                if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !EnglandAndWales.IsBankHoliday(day))
                {
                    expected++;
                }
            }

            EnglandAndWales.WorkingDaysBetween(from, to).Should().Be(expected);
            EnglandAndWales.WorkingDaysBetween(to, from).Should().Be(-expected);
        });
    }

    // ---- Helpers --------------------------------------------------------------------------------------

    private static List<LocalDate> HolidaysIn(int year) =>
        new DateInterval(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31))
            .Where(EnglandAndWales.IsBankHoliday)
            .ToList();

    /// <summary>An independent statement of the rules, to check every line of the data file.</summary>
    private static List<LocalDate> ExpectedHolidays(int year)
    {
        var holidays = new List<LocalDate>();

        var newYear = new LocalDate(year, 1, 1);
        holidays.Add(NextWeekday(newYear));

        var easter = EasterSunday(year);
        holidays.Add(easter.PlusDays(-2));
        holidays.Add(easter.PlusDays(1));

        holidays.Add(year == 2020 ? new LocalDate(2020, 5, 8) : FirstMonday(year, 5));
        holidays.Add(year switch
        {
            2012 => new LocalDate(2012, 6, 4),
            2022 => new LocalDate(2022, 6, 2),
            _ => LastMonday(year, 5),
        });
        holidays.Add(LastMonday(year, 8));

        // Christmas first, then Boxing Day, each moved to the next weekday not already taken.
        var christmas = NextWeekday(new LocalDate(year, 12, 25));
        var boxing = NextWeekday(new LocalDate(year, 12, 26));
        if (boxing == christmas)
        {
            boxing = NextWeekday(boxing.PlusDays(1));
        }

        holidays.Add(christmas);
        holidays.Add(boxing);

        holidays.AddRange(year switch
        {
            2011 => [new LocalDate(2011, 4, 29)],
            2012 => [new LocalDate(2012, 6, 5)],
            2022 => [new LocalDate(2022, 6, 3), new LocalDate(2022, 9, 19)],
            2023 => [new LocalDate(2023, 5, 8)],
            _ => Array.Empty<LocalDate>(),
        });

        holidays.Sort();
        return holidays;
    }

    private static LocalDate NextWeekday(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => date.PlusDays(2),
        IsoDayOfWeek.Sunday => date.PlusDays(1),
        _ => date,
    };

    private static LocalDate FirstMonday(int year, int month) =>
        new LocalDate(year, month, 1).PlusDays(-1).Next(IsoDayOfWeek.Monday);

    private static LocalDate LastMonday(int year, int month) =>
        new LocalDate(year, month, 1).PlusMonths(1).Previous(IsoDayOfWeek.Monday);

    /// <summary>The anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    private static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }
}
