namespace Ledger.Reports.Pdf;

/// <summary>The two weights of the embedded font.</summary>
public enum FontWeight
{
    /// <summary>DejaVu Sans.</summary>
    Regular,

    /// <summary>DejaVu Sans Bold.</summary>
    Bold,
}

/// <summary>Horizontal alignment of text lines within their box.</summary>
public enum TextAlignment
{
    /// <summary>Lines start at the left edge.</summary>
    Left,

    /// <summary>Lines are centred.</summary>
    Center,

    /// <summary>Lines end at the right edge (money columns).</summary>
    Right,
}

/// <summary>
/// A complete text style. Immutable: the <c>With…</c> methods return a changed copy. A page's default
/// style (<see cref="PageDescriptor.DefaultTextStyle"/>) applies to text that sets nothing itself.
/// </summary>
public sealed record TextStyle
{
    /// <summary>10 pt regular black text, line height 1.25.</summary>
    public static TextStyle Default { get; } = new();

    /// <summary>Font size in points; must be positive.</summary>
    public float Size { get; init; } = 10f;

    /// <summary>Regular or bold.</summary>
    public FontWeight Weight { get; init; } = FontWeight.Regular;

    /// <summary>Text colour.</summary>
    public Color Color { get; init; } = Colors.Black;

    /// <summary>Line height as a multiple of <see cref="Size"/>; must be at least 1.</summary>
    public float LineHeight { get; init; } = 1.25f;

    /// <summary>A copy with another size.</summary>
    /// <param name="size">Font size in points.</param>
    /// <returns>The changed style.</returns>
    public TextStyle WithSize(float size) => this with { Size = Check.Positive(size, nameof(size)) };

    /// <summary>A copy with another weight.</summary>
    /// <param name="weight">The weight.</param>
    /// <returns>The changed style.</returns>
    public TextStyle WithWeight(FontWeight weight) => this with { Weight = weight };

    /// <summary>A copy with another colour.</summary>
    /// <param name="color">The colour.</param>
    /// <returns>The changed style.</returns>
    public TextStyle WithColor(Color color) => this with { Color = color };

    /// <summary>A copy with another line height.</summary>
    /// <param name="multiple">Line height as a multiple of the font size, at least 1.</param>
    /// <returns>The changed style.</returns>
    public TextStyle WithLineHeight(float multiple) =>
        multiple >= 1f ? this with { LineHeight = multiple } : throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "Line height must be at least 1.");

    /// <summary>The height of one line in points.</summary>
    internal float LinePitch => Size * LineHeight;
}

/// <summary>Overrides of a text style; unset values come from the style beneath.</summary>
internal sealed class TextStyleOverride
{
    public float? Size { get; set; }

    public FontWeight? Weight { get; set; }

    public Color? Color { get; set; }

    public float? LineHeight { get; set; }

    public TextStyle ApplyTo(TextStyle baseStyle) => baseStyle with
    {
        Size = Size ?? baseStyle.Size,
        Weight = Weight ?? baseStyle.Weight,
        Color = Color ?? baseStyle.Color,
        LineHeight = LineHeight ?? baseStyle.LineHeight,
    };
}

/// <summary>Argument checks shared by the descriptors.</summary>
internal static class Check
{
    public static float Positive(float value, string name) =>
        value > 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Must be a positive number of points.");

    public static float NotNegative(float value, string name) =>
        value >= 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Must be zero or a positive number of points.");
}
