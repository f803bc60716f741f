using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Domain.Calendar;

/// <summary>
/// Working days for a range of dates: every Monday to Friday that is not a holiday. Used for deadlines
/// measured in working days, such as the earliest claim date (sustain period end + 15 working days, R18).
/// </summary>
/// <remarks>
/// <para>
/// A calendar knows its holidays only for its covered dates, <see cref="FirstCoveredDate"/> to
/// <see cref="LastCoveredDate"/> inclusive. Every member that is given, or would have to look at, a date
/// outside that range throws <see cref="ArgumentOutOfRangeException"/> rather than guess: a claim window
/// computed with unknown holidays would be silently wrong.
/// </para>
/// <para>All dates must be in the ISO calendar; a date in any other calendar throws <see cref="ArgumentException"/>.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class WorkingDayCalendar
{
    private const string EnglandAndWalesResourceName = "Ledger.Domain.Calendar.bank-holidays-england-and-wales.txt";

    private static readonly Lazy<WorkingDayCalendar> LazyEnglandAndWales =
        new(LoadEnglandAndWales, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashSet<LocalDate> _holidays;

    // _workingDaysThrough[i] = number of working days in [FirstCoveredDate, FirstCoveredDate + i days].
    private readonly int[] _workingDaysThrough;

    /// <summary>
    /// Creates a calendar from its holidays and the dates it covers.
    /// </summary>
    /// <param name="holidays">
    /// The holiday dates in <paramref name="coveredDates"/>, in any order; duplicates are ignored. A holiday
    /// that falls on a Saturday or Sunday is allowed but changes nothing (the day is not a working day anyway),
    /// except that <see cref="IsBankHoliday"/> reports it.
    /// </param>
    /// <param name="coveredDates">
    /// The dates for which <paramref name="holidays"/> is the complete list of holidays, both ends included.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="coveredDates"/> or a holiday is not in the ISO calendar, or a holiday is outside
    /// <paramref name="coveredDates"/>.
    /// </exception>
    public WorkingDayCalendar(IEnumerable<LocalDate> holidays, DateInterval coveredDates)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(coveredDates);
        if (coveredDates.Start.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("The covered dates must be in the ISO calendar.", nameof(coveredDates));
        }

        _holidays = [];
        foreach (var holiday in holidays)
        {
            if (holiday.Calendar != CalendarSystem.Iso)
            {
                throw new ArgumentException($"Holiday {holiday} is not in the ISO calendar.", nameof(holidays));
            }

            if (!coveredDates.Contains(holiday))
            {
                throw new ArgumentException($"Holiday {Iso(holiday)} is outside the covered dates {Iso(coveredDates.Start)} to {Iso(coveredDates.End)}.", nameof(holidays));
            }

            _holidays.Add(holiday);
        }

        FirstCoveredDate = coveredDates.Start;
        LastCoveredDate = coveredDates.End;

        _workingDaysThrough = new int[coveredDates.Length];
        var count = 0;
        var date = FirstCoveredDate;
        for (var i = 0; i < _workingDaysThrough.Length; i++, date = date.PlusDays(1))
        {
            if (IsWorkingDayUnchecked(date))
            {
                count++;
            }

            _workingDaysThrough[i] = count;
        }
    }

    /// <summary>
    /// England and Wales bank holidays, 1 January 2010 to 31 December 2035, loaded on first use from the
    /// embedded resource <c>bank-holidays-england-and-wales.txt</c> (which states its sources and rules).
    /// </summary>
    /// <remarks>
    /// Years after 2023 follow the standing rules; a one-off holiday proclaimed later must be added to the
    /// resource. The resource is parsed strictly: a malformed line, dates out of order or duplicated, a
    /// holiday at a weekend, or a covered year with no holidays is a bug, and reading this property then
    /// throws <see cref="InvalidDataException"/> (every time).
    /// </remarks>
    /// <exception cref="InvalidDataException">The embedded resource is missing or malformed.</exception>
    public static WorkingDayCalendar EnglandAndWales => LazyEnglandAndWales.Value;

    /// <summary>The first date this calendar knows about, inclusive.</summary>
    public LocalDate FirstCoveredDate { get; }

    /// <summary>The last date this calendar knows about, inclusive.</summary>
    public LocalDate LastCoveredDate { get; }

    /// <summary>
    /// Whether <paramref name="date"/> is a working day: Monday to Friday and not a holiday.
    /// </summary>
    /// <param name="date">A covered ISO-calendar date.</param>
    /// <returns><see langword="true"/> for a working day; <see langword="false"/> for a weekend day or holiday.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is not covered.</exception>
    public bool IsWorkingDay(LocalDate date)
    {
        _ = IndexOf(date, nameof(date));
        return IsWorkingDayUnchecked(date);
    }

    /// <summary>
    /// Whether <paramref name="date"/> is one of this calendar's holidays (for <see cref="EnglandAndWales"/>,
    /// a bank holiday, substitute days included). Saturdays and Sundays are not holidays unless listed.
    /// </summary>
    /// <param name="date">A covered ISO-calendar date.</param>
    /// <returns><see langword="true"/> if <paramref name="date"/> is a listed holiday.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is not covered.</exception>
    public bool IsBankHoliday(LocalDate date)
    {
        _ = IndexOf(date, nameof(date));
        return _holidays.Contains(date);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>, not counting
    /// <paramref name="start"/> itself: from Friday 1 March 2013, 1 working day is Monday 4 March and
    /// 15 working days is Friday 22 March 2013.
    /// </summary>
    /// <remarks>
    /// <para>
    /// With <paramref name="workingDays"/> = 0 the result is <paramref name="start"/> if it is a working
    /// day, and otherwise the first working day after it (Saturday → Monday, or later across holidays).
    /// The result is always a working day.
    /// </para>
    /// <para>
    /// For <paramref name="workingDays"/> ≥ 1, and for 0 when <paramref name="start"/> is a working day,
    /// <c>WorkingDaysBetween(start, result) == workingDays</c> and the result is the earliest date for which
    /// that holds. For 0 and a non-working <paramref name="start"/>, <c>WorkingDaysBetween(start, result)</c>
    /// is 1.
    /// </para>
    /// </remarks>
    /// <param name="start">A covered ISO-calendar date; it may be a weekend day or holiday.</param>
    /// <param name="workingDays">The number of working days to add; zero or more.</param>
    /// <returns>A working day on or after <paramref name="start"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="start"/> is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="start"/> is not covered, <paramref name="workingDays"/> is negative, or the result
    /// would be after <see cref="LastCoveredDate"/>.
    /// </exception>
    public LocalDate AddWorkingDays(LocalDate start, int workingDays)
    {
        var startIndex = IndexOf(start, nameof(start));
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        if (workingDays == 0 && IsWorkingDayUnchecked(start))
        {
            return start;
        }

        // The wanted day is the first index whose running count reaches the target: the running count
        // rises by one exactly on each working day, so that index is a working day.
        var target = (long)_workingDaysThrough[startIndex] + Math.Max(workingDays, 1);
        if (target > _workingDaysThrough[^1])
        {
            throw new ArgumentOutOfRangeException(
                nameof(workingDays),
                workingDays,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{workingDays} working days after {Iso(start)} is after the last covered date {Iso(LastCoveredDate)}."));
        }

        // Lower bound: the first index in (startIndex, Length) with a running count >= target.
        var low = startIndex + 1;
        var high = _workingDaysThrough.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_workingDaysThrough[middle] >= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return FirstCoveredDate.PlusDays(low);
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>,
    /// that is in the half-open range (<paramref name="from"/>, <paramref name="to"/>]: from Friday
    /// 1 March 2013 to Monday 11 March 2013 is 6. Whether <paramref name="from"/> is itself a working day
    /// does not matter; the same date twice gives 0.
    /// </summary>
    /// <remarks>
    /// If <paramref name="to"/> is before <paramref name="from"/> the result is negative:
    /// <c>WorkingDaysBetween(a, b) == -WorkingDaysBetween(b, a)</c>, so "at least n working days after"
    /// is simply <c>WorkingDaysBetween(from, to) &gt;= n</c> for any n ≥ 1.
    /// </remarks>
    /// <param name="from">A covered ISO-calendar date; the start, excluded.</param>
    /// <param name="to">A covered ISO-calendar date; the end, included.</param>
    /// <returns>The count of working days in (<paramref name="from"/>, <paramref name="to"/>], negated if <paramref name="to"/> is before <paramref name="from"/>.</returns>
    /// <exception cref="ArgumentException">A date is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is not covered.</exception>
    public int WorkingDaysBetween(LocalDate from, LocalDate to) =>
        _workingDaysThrough[IndexOf(to, nameof(to))] - _workingDaysThrough[IndexOf(from, nameof(from))];

    /// <summary>Reads a holiday list in the format of the embedded resource. Internal for tests.</summary>
    /// <param name="reader">The text, in the format described at the top of the resource.</param>
    /// <param name="source">A name for the text, used in error messages.</param>
    /// <returns>The calendar covering 1 January of the first year listed to 31 December of the last.</returns>
    /// <exception cref="InvalidDataException">The text is malformed.</exception>
    internal static WorkingDayCalendar Parse(TextReader reader, string source)
    {
        var pattern = LocalDatePattern.Iso;
        var holidays = new List<LocalDate>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var name = tab < 0 ? string.Empty : line[(tab + 1)..];
            if (tab != 10 || name.Length == 0 || name.Trim().Length != name.Length || name.Contains('\t', StringComparison.Ordinal))
            {
                throw Malformed(source, lineNumber, "expected 'yyyy-MM-dd<TAB>name' or a '#' comment");
            }

            var parsed = pattern.Parse(line[..tab]);
            if (!parsed.Success)
            {
                throw Malformed(source, lineNumber, $"'{line[..tab]}' is not a date");
            }

            var date = parsed.Value;
            if (holidays.Count > 0 && date <= holidays[^1])
            {
                throw Malformed(source, lineNumber, $"{Iso(date)} is not after the previous date {Iso(holidays[^1])}");
            }

            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                throw Malformed(source, lineNumber, $"{Iso(date)} is a {date.DayOfWeek}; a bank holiday at a weekend needs a substitute day");
            }

            holidays.Add(date);
        }

        if (holidays.Count == 0)
        {
            throw new InvalidDataException($"{source}: no holidays listed.");
        }

        var firstYear = holidays[0].Year;
        var lastYear = holidays[^1].Year;
        var listedYears = holidays.Select(h => h.Year).ToHashSet();
        for (var year = firstYear; year <= lastYear; year++)
        {
            if (!listedYears.Contains(year))
            {
                throw new InvalidDataException(
                    string.Create(CultureInfo.InvariantCulture, $"{source}: no holidays listed for {year}, which lies between {firstYear} and {lastYear}."));
            }
        }

        return new WorkingDayCalendar(holidays, new DateInterval(new LocalDate(firstYear, 1, 1), new LocalDate(lastYear, 12, 31)));
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static InvalidDataException Malformed(string source, int lineNumber, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source}, line {lineNumber}: {problem}."));

    private static WorkingDayCalendar LoadEnglandAndWales()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream(EnglandAndWalesResourceName)
            ?? throw new InvalidDataException($"Embedded resource {EnglandAndWalesResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader, EnglandAndWalesResourceName);
    }

    private bool IsWorkingDayUnchecked(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !_holidays.Contains(date);

    private int IndexOf(LocalDate date, string paramName)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"Only ISO-calendar dates are supported; got {date.Calendar.Id}.", paramName);
        }

        if (date < FirstCoveredDate || date > LastCoveredDate)
        {
            throw new ArgumentOutOfRangeException(
                paramName, date, $"The calendar covers only {Iso(FirstCoveredDate)} to {Iso(LastCoveredDate)}; its holidays outside that range are unknown.");
        }

        return Period.DaysBetween(FirstCoveredDate, date);
    }
}
