using Ledger.Reports.Pdf;

namespace Ledger.Reports.Tests.Support;

/// <summary>
/// Text metrics that make layout arithmetic obvious: every character is half the font size wide
/// (5 pt at 10 pt), ascent 0.8 and descent 0.2 of the size. Draws every character.
/// </summary>
internal sealed class MonospaceMeasurer : ITextMeasurer
{
    public float MeasureWidth(string text, TextStyle style) => text.Length * style.Size / 2;

    public FontMetrics GetMetrics(TextStyle style) => new(style.Size * 0.8f, style.Size * 0.2f);

    public bool CanDraw(char character) => true;
}
