using System.Globalization;

namespace Ledger.Reports.Pdf;

/// <summary>A width and a height in PDF points (1/72 inch).</summary>
/// <param name="Width">Width in points.</param>
/// <param name="Height">Height in points.</param>
public readonly record struct Size(float Width, float Height)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Width:0.##}×{Height:0.##}");
}

/// <summary>A point in PDF points, measured from the top-left corner, y growing downwards.</summary>
/// <param name="X">Distance from the left edge.</param>
/// <param name="Y">Distance from the top edge.</param>
public readonly record struct Point(float X, float Y);

/// <summary>A rectangle in PDF points, from its top-left corner.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct Rect(float X, float Y, float Width, float Height)
{
    /// <summary>The right edge.</summary>
    public float Right => X + Width;

    /// <summary>The bottom edge.</summary>
    public float Bottom => Y + Height;
}

/// <summary>Page sizes and unit conversions.</summary>
public static class PageSizes
{
    /// <summary>ISO A4 portrait: 210 × 297 mm.</summary>
    public static Size A4 { get; } = new(Unit.Millimetres(210), Unit.Millimetres(297));

    /// <summary>ISO A4 landscape: 297 × 210 mm.</summary>
    public static Size A4Landscape { get; } = new(Unit.Millimetres(297), Unit.Millimetres(210));
}

/// <summary>Converts lengths to PDF points.</summary>
public static class Unit
{
    /// <summary>Millimetres to points (72 points to the inch, 25.4 mm to the inch).</summary>
    /// <param name="millimetres">A length in millimetres.</param>
    /// <returns>The length in points.</returns>
    public static float Millimetres(float millimetres) => millimetres * 72f / 25.4f;
}
