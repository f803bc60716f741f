using System.Globalization;

namespace Ledger.Domain;

/// <summary>
/// An amount of sterling held as whole pence. Arithmetic is checked: an overflow throws
/// <see cref="OverflowException"/> rather than wrapping. Rounding happens only where a rate or
/// weight is applied (<see cref="MultiplyBy"/>), and always names its <see cref="MidpointRounding"/>.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    private Money(long pence) => Pence = pence;

    /// <summary>The amount in pence; negative for a debit balance or a refund.</summary>
    public long Pence { get; }

    /// <summary>£0.00.</summary>
    public static Money Zero { get; }

    /// <summary>True when the amount is exactly zero.</summary>
    public bool IsZero => Pence == 0;

    /// <summary>True when the amount is above zero.</summary>
    public bool IsPositive => Pence > 0;

    /// <summary>True when the amount is below zero.</summary>
    public bool IsNegative => Pence < 0;

    /// <summary>Creates an amount from whole pence.</summary>
    public static Money FromPence(long pence) => new(pence);

    /// <summary>
    /// Creates an amount from pounds. The value must be a whole number of pence
    /// (e.g. 12.34, not 12.345); anything finer is a programming error and throws.
    /// </summary>
    /// <exception cref="ArgumentException">The value has a fraction of a penny.</exception>
    /// <exception cref="OverflowException">The value does not fit in a <see cref="long"/> of pence.</exception>
    public static Money FromPounds(decimal pounds)
    {
        var pence = pounds * 100m;
        if (pence != decimal.Truncate(pence))
        {
            throw new ArgumentException($"{pounds} is not a whole number of pence.", nameof(pounds));
        }

        return new Money(decimal.ToInt64(pence));
    }

    /// <summary>
    /// Parses "1234.56", "1,234.56", "£1,234.56", "-£3.00" or "12" (pounds). At most two decimal
    /// places; anything else (including an amount that overflows) is refused.
    /// </summary>
    public static bool TryParse(string? text, out Money money)
    {
        money = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative)
        {
            s = s[1..];
        }

        if (s.StartsWith('£'))
        {
            s = s[1..];
        }

        if (s.Length == 0 || s.StartsWith('-') || s.StartsWith('+'))
        {
            return false;
        }

        if (!IsPlainOrGroupedNumber(s))
        {
            return false;
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var pounds))
        {
            return false;
        }

        try
        {
            money = FromPounds(negative ? -pounds : pounds);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // "1234.5", "1,234.56": digits with commas only between groups of three, at most two decimals.
    private static bool IsPlainOrGroupedNumber(string s)
    {
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot >= 0 ? s[..dot] : s;
        var fraction = dot >= 0 ? s[(dot + 1)..] : string.Empty;
        if (whole.Length == 0 || (dot >= 0 && (fraction.Length is 0 or > 2)) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!whole.Contains(',', StringComparison.Ordinal))
        {
            return whole.All(char.IsAsciiDigit);
        }

        var groups = whole.Split(',');
        return groups[0].Length is >= 1 and <= 3
            && groups.All(g => g.All(char.IsAsciiDigit))
            && groups.Skip(1).All(g => g.Length == 3);
    }

    /// <summary>Adds two amounts; throws <see cref="OverflowException"/> on overflow.</summary>
    public static Money operator +(Money left, Money right) => new(checked(left.Pence + right.Pence));

    /// <summary>Subtracts; throws <see cref="OverflowException"/> on overflow.</summary>
    public static Money operator -(Money left, Money right) => new(checked(left.Pence - right.Pence));

    /// <summary>Negates; throws <see cref="OverflowException"/> for <see cref="long.MinValue"/> pence.</summary>
    public static Money operator -(Money value) => new(checked(-value.Pence));

    /// <summary>Multiplies by a whole count (units × unit price); throws on overflow.</summary>
    public static Money operator *(Money value, long count) => new(checked(value.Pence * count));

    /// <summary>Compares amounts.</summary>
    public static bool operator <(Money left, Money right) => left.Pence < right.Pence;

    /// <summary>Compares amounts.</summary>
    public static bool operator >(Money left, Money right) => left.Pence > right.Pence;

    /// <summary>Compares amounts.</summary>
    public static bool operator <=(Money left, Money right) => left.Pence <= right.Pence;

    /// <summary>Compares amounts.</summary>
    public static bool operator >=(Money left, Money right) => left.Pence >= right.Pence;

    /// <summary>Adds two amounts (for languages without operators).</summary>
    public static Money Add(Money left, Money right) => left + right;

    /// <summary>Subtracts (for languages without operators).</summary>
    public static Money Subtract(Money left, Money right) => left - right;

    /// <summary>Negates (for languages without operators).</summary>
    public static Money Negate(Money value) => -value;

    /// <summary>Multiplies by a count (for languages without operators).</summary>
    public static Money Multiply(Money value, long count) => value * count;

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money a, Money b) => a <= b ? a : b;

    /// <summary>The larger of two amounts.</summary>
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>The absolute amount.</summary>
    public Money Abs() => Pence < 0 ? -this : this;

    /// <summary>
    /// Applies a rate or weight (e.g. a difficulty multiplier of 1.25 or a 20% share) and rounds to
    /// a whole penny with the named rule. This is the only place a fraction of a penny can arise.
    /// </summary>
    public Money MultiplyBy(decimal factor, MidpointRounding rounding)
    {
        var exact = Pence * factor;
        return new Money(decimal.ToInt64(decimal.Round(exact, 0, rounding)));
    }

    /// <summary>
    /// Splits the amount into parts proportional to <paramref name="weights"/> without losing or
    /// inventing a penny: each part is first rounded down, and the pennies left over go one each to
    /// the parts with the largest remainders (the earliest part wins a tie). The parts always sum to
    /// this amount. A negative amount is split as its absolute value and negated.
    /// Splitting £100.00 by (1, 1, 1) gives £33.34, £33.33, £33.33.
    /// </summary>
    /// <param name="weights">Non-negative weights, at least one of them above zero.</param>
    /// <exception cref="ArgumentException">No weights, a negative weight, or all weights zero.</exception>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        Int128 total = 0;
        foreach (var w in weights)
        {
            if (w < 0)
            {
                throw new ArgumentException("Weights cannot be negative.", nameof(weights));
            }

            total += w;
        }

        if (total == 0)
        {
            throw new ArgumentException("At least one weight must be above zero.", nameof(weights));
        }

        var sign = Pence < 0 ? -1 : 1;
        Int128 amount = Pence;
        if (amount < 0)
        {
            amount = -amount;
        }

        // Parts are worked out on the absolute amount in 128 bits: |long.MinValue| does not fit in a long.
        var parts = new Int128[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = amount * weights[i];
            parts[i] = product / total;
            remainders[i] = product % total;
            allocated += parts[i];
        }

        var leftover = (long)(amount - allocated);
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; k < leftover; k++)
        {
            parts[order[k]]++;
        }

        return parts.Select(p => new Money(checked((long)(sign * p)))).ToArray();
    }

    /// <summary>Splits into <paramref name="count"/> near-equal parts, larger parts first.</summary>
    public IReadOnlyList<Money> Split(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Allocate(Enumerable.Repeat(1L, count).ToArray());
    }

    /// <inheritdoc />
    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    /// <summary>Pounds as a plain invariant decimal with two places, e.g. "-1234.50".</summary>
    public string ToDecimalString() =>
        (Pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The amount for people: "£1,234.50" or "-£3.00".</summary>
    public override string ToString()
    {
        var pounds = Math.Abs(Pence / 100m);
        var text = "£" + pounds.ToString("#,##0.00", CultureInfo.InvariantCulture);
        return Pence < 0 ? "-" + text : text;
    }
}
