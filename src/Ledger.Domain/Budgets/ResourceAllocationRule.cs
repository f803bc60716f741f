using System.Globalization;

namespace Ledger.Domain.Budgets;

/// <summary>One band of a banded resource-allocation rule: assessments scoring <see cref="MinPoints"/> or more get <see cref="Amount"/>.</summary>
/// <param name="MinPoints">The lowest total that falls in the band.</param>
/// <param name="Amount">The indicative amount for the band.</param>
public sealed record AllocationBand(int MinPoints, Money Amount);

/// <summary>An indicative amount with the working that produced it, in plain words (R5).</summary>
/// <param name="Amount">The indicative amount.</param>
/// <param name="Working">How it was worked out, e.g. "12 points × £150.00 = £1,800.00".</param>
public sealed record IndicativeAmount(Money Amount, string Working);

/// <summary>
/// A pool's resource-allocation rule (R5): either assessment points × a price per point, or bands of
/// points each with an amount. It gives an <em>indicative</em> amount; the budget holder decides the
/// final one. Stored as text (<see cref="ToStorage"/>) so the model stays portable.
/// </summary>
public sealed class ResourceAllocationRule
{
    private ResourceAllocationRule(Money? pricePerPoint, IReadOnlyList<AllocationBand> bands)
    {
        PricePerPoint = pricePerPoint;
        Bands = bands;
    }

    /// <summary>The price of one point, for a points rule.</summary>
    public Money? PricePerPoint { get; }

    /// <summary>The bands, lowest first, for a banded rule.</summary>
    public IReadOnlyList<AllocationBand> Bands { get; }

    /// <summary>A points × price rule.</summary>
    public static Result<ResourceAllocationRule> Points(Money pricePerPoint) =>
        pricePerPoint.IsPositive
            ? new ResourceAllocationRule(pricePerPoint, [])
            : Result<ResourceAllocationRule>.Fail(BudgetErrorCode.InvalidAmount, "The price per point must be above zero.");

    /// <summary>A banded rule; bands must start at 0 points, rise strictly, and carry non-negative amounts.</summary>
    public static Result<ResourceAllocationRule> Banded(IEnumerable<AllocationBand> bands)
    {
        var list = (bands ?? []).OrderBy(b => b.MinPoints).ToList();
        if (list.Count == 0 || list[0].MinPoints != 0 || list.Select(b => b.MinPoints).Distinct().Count() != list.Count)
        {
            return Result<ResourceAllocationRule>.Fail(BudgetErrorCode.InvalidRequest, "Bands must start at 0 points and each start at a different number of points.");
        }

        if (list.Any(b => b.Amount.IsNegative))
        {
            return Result<ResourceAllocationRule>.Fail(BudgetErrorCode.InvalidAmount, "Band amounts cannot be negative.");
        }

        return new ResourceAllocationRule(null, list);
    }

    /// <summary>Reads a rule from its storage form: "points:15000" or "bands:0=0;10=150000;20=300000" (pence).</summary>
    /// <exception cref="FormatException">The text is not a stored rule.</exception>
    public static ResourceAllocationRule FromStorage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Result<ResourceAllocationRule> rule = text.StartsWith("points:", StringComparison.Ordinal)
            ? Points(Money.FromPence(long.Parse(text[7..], CultureInfo.InvariantCulture)))
            : text.StartsWith("bands:", StringComparison.Ordinal)
                ? Banded(text[6..].Split(';').Select(b => b.Split('='))
                    .Select(p => new AllocationBand(int.Parse(p[0], CultureInfo.InvariantCulture), Money.FromPence(long.Parse(p[1], CultureInfo.InvariantCulture)))))
                : throw new FormatException($"'{text}' is not a resource-allocation rule.");
        return rule.Value ?? throw new FormatException($"'{text}' is not a valid resource-allocation rule: {rule.Error!.Message}");
    }

    /// <summary>The storage form.</summary>
    public string ToStorage() => PricePerPoint is { } price
        ? string.Create(CultureInfo.InvariantCulture, $"points:{price.Pence}")
        : "bands:" + string.Join(';', Bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.MinPoints}={b.Amount.Pence}")));

    /// <summary>The indicative amount for <paramref name="points"/> (never negative), with its working.</summary>
    public IndicativeAmount Indicate(int points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        if (PricePerPoint is { } price)
        {
            var amount = price * points;
            return new IndicativeAmount(amount, string.Create(CultureInfo.InvariantCulture, $"{points} points × {price} per point = {amount}"));
        }

        var index = Bands.Count - 1;
        while (Bands[index].MinPoints > points)
        {
            index--;
        }

        var band = Bands[index];
        var range = index + 1 < Bands.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{band.MinPoints}–{Bands[index + 1].MinPoints - 1} points")
            : string.Create(CultureInfo.InvariantCulture, $"{band.MinPoints} points or more");
        return new IndicativeAmount(band.Amount, string.Create(CultureInfo.InvariantCulture, $"{points} points falls in the band {range}: {band.Amount}"));
    }

    /// <summary>Plain words for the rule itself.</summary>
    public string Describe() => PricePerPoint is { } price
        ? $"{price} per assessment point"
        : "bands: " + string.Join(", ", Bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"from {b.MinPoints} points {b.Amount}")));
}
