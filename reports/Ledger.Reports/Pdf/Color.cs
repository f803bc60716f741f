using System.Globalization;

namespace Ledger.Reports.Pdf;

/// <summary>An sRGB colour with alpha.</summary>
/// <param name="Red">Red, 0–255.</param>
/// <param name="Green">Green, 0–255.</param>
/// <param name="Blue">Blue, 0–255.</param>
/// <param name="Alpha">Opacity, 0 (transparent) to 255 (opaque).</param>
public readonly record struct Color(byte Red, byte Green, byte Blue, byte Alpha = 255)
{
    /// <summary>Parses <c>#rrggbb</c> or <c>#rrggbbaa</c> (the <c>#</c> is optional).</summary>
    /// <param name="hex">The colour in hexadecimal.</param>
    /// <returns>The colour.</returns>
    /// <exception cref="FormatException">The text is not 6 or 8 hexadecimal digits.</exception>
    public static Color FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith('#') ? hex[1..] : hex;
        if ((digits.Length != 6 && digits.Length != 8)
            || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{hex}' is not a colour: expected #rrggbb or #rrggbbaa.");
        }

        if (digits.Length == 6)
        {
            value = (value << 8) | 0xFF;
        }

        return new Color((byte)(value >> 24), (byte)((value >> 16) & 0xFF), (byte)((value >> 8) & 0xFF), (byte)(value & 0xFF));
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"#{Red:x2}{Green:x2}{Blue:x2}{(Alpha == 255 ? "" : Alpha.ToString("x2", CultureInfo.InvariantCulture))}");
}

/// <summary>
/// The GOV.UK Design System palette, so documents match the web application: plain, high-contrast
/// colours that print well in greyscale.
/// </summary>
public static class Colors
{
    /// <summary>Text black, #0b0c0c.</summary>
    public static Color Black { get; } = Color.FromHex("#0b0c0c");

    /// <summary>White.</summary>
    public static Color White { get; } = Color.FromHex("#ffffff");

    /// <summary>Secondary text, #505a5f.</summary>
    public static Color DarkGrey { get; } = Color.FromHex("#505a5f");

    /// <summary>Borders and rules, #b1b4b6.</summary>
    public static Color MidGrey { get; } = Color.FromHex("#b1b4b6");

    /// <summary>Backgrounds and zebra stripes, #f3f2f1.</summary>
    public static Color LightGrey { get; } = Color.FromHex("#f3f2f1");

    /// <summary>Brand blue, #1d70b8.</summary>
    public static Color Blue { get; } = Color.FromHex("#1d70b8");

    /// <summary>Dark blue, #003078.</summary>
    public static Color DarkBlue { get; } = Color.FromHex("#003078");

    /// <summary>Green, #00703c.</summary>
    public static Color Green { get; } = Color.FromHex("#00703c");

    /// <summary>Red, #d4351c.</summary>
    public static Color Red { get; } = Color.FromHex("#d4351c");

    /// <summary>Orange, #f47738.</summary>
    public static Color Orange { get; } = Color.FromHex("#f47738");

    /// <summary>Purple, #4c2c92.</summary>
    public static Color Purple { get; } = Color.FromHex("#4c2c92");

    /// <summary>Turquoise, #28a197.</summary>
    public static Color Turquoise { get; } = Color.FromHex("#28a197");

    /// <summary>A series palette for charts, distinguishable in print.</summary>
    public static IReadOnlyList<Color> Series { get; } = [Blue, Orange, Green, Purple, Red, Turquoise, DarkGrey];
}
