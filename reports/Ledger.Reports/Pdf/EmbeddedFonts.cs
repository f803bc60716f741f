using SkiaSharp;

namespace Ledger.Reports.Pdf;

/// <summary>
/// The DejaVu Sans subsets embedded in this assembly (see <c>Fonts/make-subset.sh</c>), loaded once
/// with <see cref="SKTypeface.FromStream(Stream, int)"/>. Typefaces are immutable and shared.
/// </summary>
internal static class EmbeddedFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans-Subset.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold-Subset.ttf"));
    private static readonly Lazy<(SKFont Regular, SKFont Bold)> CoverageFonts = new(() => (new SKFont(Regular), new SKFont(Bold)));

    /// <summary>Per UTF-16 code unit: 0 not yet asked, 1 covered, 2 not covered (races only repeat a lookup).</summary>
    private static readonly byte[] Coverage = new byte[char.MaxValue + 1];

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    public static SKTypeface For(FontWeight weight) => weight == FontWeight.Bold ? Bold : Regular;

    /// <summary>Whether both weights have a glyph for the character.</summary>
    public static bool Covers(char character)
    {
        var known = Volatile.Read(ref Coverage[character]);
        if (known == 0)
        {
            var fonts = CoverageFonts.Value;
            var covered = character >= 0x20 && !char.IsSurrogate(character)
                && fonts.Regular.ContainsGlyph(character) && fonts.Bold.ContainsGlyph(character);
            known = covered ? (byte)1 : (byte)2;
            Volatile.Write(ref Coverage[character], known);
        }

        return known == 1;
    }

    private static SKTypeface Load(string file)
    {
        var name = "Ledger.Reports.Fonts." + file;
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from Ledger.Reports.");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"The embedded font {name} could not be read.");
    }
}

/// <summary>Measures text with the embedded fonts' own metrics, as the PDF will set it.</summary>
public sealed class EmbeddedFontMeasurer : ITextMeasurer
{
    private readonly Dictionary<(FontWeight, float), SKFont> fonts = [];
    private readonly Lock gate = new();

    /// <summary>One shared instance (thread-safe).</summary>
    public static EmbeddedFontMeasurer Instance { get; } = new();

    /// <inheritdoc />
    public float MeasureWidth(string text, TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(style);
        lock (gate)
        {
            return FontFor(style).MeasureText(text);
        }
    }

    /// <inheritdoc />
    public FontMetrics GetMetrics(TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        lock (gate)
        {
            FontFor(style).GetFontMetrics(out var metrics);
            return new FontMetrics(-metrics.Ascent, metrics.Descent);
        }
    }

    /// <inheritdoc />
    public bool CanDraw(char character) => EmbeddedFonts.Covers(character);

    private SKFont FontFor(TextStyle style)
    {
        var key = (style.Weight, style.Size);
        if (!fonts.TryGetValue(key, out var font))
        {
            font = SkiaFonts.Create(style);
            fonts[key] = font;
        }

        return font;
    }
}

/// <summary>Font settings shared by measuring and drawing, so both agree to the point.</summary>
internal static class SkiaFonts
{
    public static SKFont Create(TextStyle style) => new(EmbeddedFonts.For(style.Weight), style.Size)
    {
        Subpixel = true,
        LinearMetrics = true,
        Hinting = SKFontHinting.None,
        Edging = SKFontEdging.Antialias,
    };
}
