using System.Globalization;
using NodaTime;

namespace Ledger.Domain.Calendar;

/// <summary>
/// A UK financial year: 1 April of one calendar year to 31 March of the next, both inclusive,
/// written "2026/27" (the year starting 1 April 2026).
/// </summary>
/// <remarks>
/// <para>
/// Financial years from <see cref="MinValue"/> (1900/01) to <see cref="MaxValue"/> (9998/99) can be
/// represented. The default value of this type, <c>default(FinancialYear)</c>, is <see cref="MinValue"/>,
/// so every value of the type is a valid financial year.
/// </para>
/// <para>
/// All dates are in the ISO calendar; members that take a <see cref="LocalDate"/> in another calendar
/// throw <see cref="ArgumentException"/>.
/// </para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct FinancialYear : IComparable<FinancialYear>
{
    /// <summary>The earliest supported starting calendar year: 1900, so the earliest year is 1900/01.</summary>
    public const int MinStartYear = 1900;

    /// <summary>
    /// The latest supported starting calendar year: 9998, so the latest year is 9998/99 (it ends on
    /// 31 March 9999, within the range of <see cref="LocalDate"/>).
    /// </summary>
    public const int MaxStartYear = 9998;

    // Stored as an offset from MinStartYear so that default(FinancialYear) is MinValue, not year 0.
    private readonly int _offset;

    private FinancialYear(int startYear) => _offset = startYear - MinStartYear;

    /// <summary>The earliest representable financial year, 1900/01. Equal to <c>default(FinancialYear)</c>.</summary>
    public static FinancialYear MinValue => new(MinStartYear);

    /// <summary>The latest representable financial year, 9998/99.</summary>
    public static FinancialYear MaxValue => new(MaxStartYear);

    /// <summary>The calendar year in which this financial year starts: 2026 for 2026/27.</summary>
    public int StartYear => _offset + MinStartYear;

    /// <summary>The first day of this financial year: 1 April of <see cref="StartYear"/>.</summary>
    public LocalDate Start => new(StartYear, 4, 1);

    /// <summary>
    /// The last day of this financial year, inclusive: 31 March of the calendar year after
    /// <see cref="StartYear"/>.
    /// </summary>
    public LocalDate End => new(StartYear + 1, 3, 31);

    /// <summary>
    /// The financial year after this one, e.g. 2027/28 for 2026/27.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="MaxValue"/>.</exception>
    public FinancialYear Next => StartYear < MaxStartYear
        ? new FinancialYear(StartYear + 1)
        : throw new InvalidOperationException($"There is no financial year after {MaxValue}.");

    /// <summary>
    /// The financial year before this one, e.g. 2025/26 for 2026/27.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="MinValue"/>.</exception>
    public FinancialYear Previous => StartYear > MinStartYear
        ? new FinancialYear(StartYear - 1)
        : throw new InvalidOperationException($"There is no financial year before {MinValue}.");

    /// <summary>
    /// The financial year that starts on 1 April of <paramref name="startYear"/>:
    /// <c>StartingIn(2026)</c> is 2026/27.
    /// </summary>
    /// <param name="startYear">The calendar year in which the financial year starts.</param>
    /// <returns>The financial year starting on 1 April of <paramref name="startYear"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="startYear"/> is outside <see cref="MinStartYear"/>..<see cref="MaxStartYear"/>.
    /// </exception>
    public static FinancialYear StartingIn(int startYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startYear, MinStartYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startYear, MaxStartYear);
        return new FinancialYear(startYear);
    }

    /// <summary>
    /// The financial year containing <paramref name="date"/>. A date from 1 April to 31 December belongs
    /// to the financial year starting that calendar year; a date from 1 January to 31 March belongs to the
    /// one that started the calendar year before (31 March 2027 is in 2026/27, 1 April 2027 in 2027/28).
    /// </summary>
    /// <param name="date">An ISO-calendar date.</param>
    /// <returns>The financial year whose <see cref="Start"/>..<see cref="End"/> contains <paramref name="date"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="date"/> is before 1 April 1900 or after 31 March 9999.
    /// </exception>
    public static FinancialYear Containing(LocalDate date)
    {
        RequireIso(date, nameof(date));
        var startYear = date.Month >= 4 ? date.Year : date.Year - 1;
        if (startYear is < MinStartYear or > MaxStartYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date), date, $"Only dates in financial years {MinValue} to {MaxValue} are supported.");
        }

        return new FinancialYear(startYear);
    }

    /// <summary>
    /// Whether <paramref name="date"/> falls in this financial year, <see cref="Start"/> and
    /// <see cref="End"/> both included.
    /// </summary>
    /// <param name="date">An ISO-calendar date; any such date may be given.</param>
    /// <returns><see langword="true"/> if <see cref="Start"/> &lt;= <paramref name="date"/> &lt;= <see cref="End"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    public bool Contains(LocalDate date)
    {
        RequireIso(date, nameof(date));
        return Start <= date && date <= End;
    }

    /// <summary>The days of this financial year, <see cref="Start"/> to <see cref="End"/> inclusive.</summary>
    /// <returns>A <see cref="DateInterval"/> of 365 or 366 days.</returns>
    public DateInterval ToDateInterval() => new(Start, End);

    /// <summary>
    /// Parses the form produced by <see cref="ToString"/>: exactly four digits for the starting year, a
    /// slash, and the last two digits of the following year, e.g. "2026/27" or "1999/00".
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The financial year.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="text"/> is not of that form (no surrounding white space, no other separators, ASCII
    /// digits only), the second part does not follow the first ("2026/28"), or the year is outside
    /// <see cref="MinValue"/>..<see cref="MaxValue"/>.
    /// </exception>
    public static FinancialYear Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var result)
            ? result
            : throw new FormatException(
                $"'{text}' is not a financial year of the form yyyy/yy, e.g. 2026/27, from {MinValue} to {MaxValue}.");
    }

    /// <summary>
    /// Tries to parse the form produced by <see cref="ToString"/>, e.g. "2026/27"; see <see cref="Parse"/>
    /// for what is accepted.
    /// </summary>
    /// <param name="text">The text to parse; may be null (which fails).</param>
    /// <param name="result">The financial year on success; <c>default</c> on failure.</param>
    /// <returns><see langword="true"/> if <paramref name="text"/> was a valid financial year.</returns>
    public static bool TryParse(string? text, out FinancialYear result)
    {
        result = default;
        if (text is not { Length: 7 } || text[4] != '/')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (i != 4 && !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        var startYear = ((text[0] - '0') * 1000) + ((text[1] - '0') * 100) + ((text[2] - '0') * 10) + (text[3] - '0');
        var endSuffix = ((text[5] - '0') * 10) + (text[6] - '0');
        if (startYear is < MinStartYear or > MaxStartYear || endSuffix != (startYear + 1) % 100)
        {
            return false;
        }

        result = new FinancialYear(startYear);
        return true;
    }

    /// <summary>
    /// Compares by start date: an earlier financial year sorts first.
    /// </summary>
    /// <param name="other">The financial year to compare with.</param>
    /// <returns>Negative, zero or positive as this year is before, the same as, or after <paramref name="other"/>.</returns>
    public int CompareTo(FinancialYear other) => _offset.CompareTo(other._offset);

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    /// <param name="left">The first financial year.</param>
    /// <param name="right">The second financial year.</param>
    /// <returns><see langword="true"/> if <paramref name="left"/> starts before <paramref name="right"/>.</returns>
    public static bool operator <(FinancialYear left, FinancialYear right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is earlier than or the same as <paramref name="right"/>.</summary>
    /// <param name="left">The first financial year.</param>
    /// <param name="right">The second financial year.</param>
    /// <returns><see langword="true"/> if <paramref name="left"/> does not start after <paramref name="right"/>.</returns>
    public static bool operator <=(FinancialYear left, FinancialYear right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    /// <param name="left">The first financial year.</param>
    /// <param name="right">The second financial year.</param>
    /// <returns><see langword="true"/> if <paramref name="left"/> starts after <paramref name="right"/>.</returns>
    public static bool operator >(FinancialYear left, FinancialYear right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is later than or the same as <paramref name="right"/>.</summary>
    /// <param name="left">The first financial year.</param>
    /// <param name="right">The second financial year.</param>
    /// <returns><see langword="true"/> if <paramref name="left"/> does not start before <paramref name="right"/>.</returns>
    public static bool operator >=(FinancialYear left, FinancialYear right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// The conventional form: the starting year, a slash, and the last two digits of the following year,
    /// e.g. "2026/27"; the year starting in 1999 is "1999/00". Culture-invariant; <see cref="Parse"/> reads it back.
    /// </summary>
    /// <returns>The financial year as "yyyy/yy".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartYear:D4}/{(StartYear + 1) % 100:D2}");

    private static void RequireIso(LocalDate date, string paramName)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"Only ISO-calendar dates are supported; got {date.Calendar.Id}.", paramName);
        }
    }
}
