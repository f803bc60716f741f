using Ledger.Reports.Pdf;
using NodaTime;

namespace Ledger.Reports.Tests.Support;

/// <summary>Renders compositions onto a recording canvas.</summary>
internal static class Layout
{
    public static DocumentMetadata Meta { get; } = new("Test", "Tests", "Layout", Instant.FromUtc(2026, 1, 1, 0, 0));

    /// <summary>A page of the given size, no margins, no header or footer.</summary>
    public static RecordingCanvas Render(Size page, Action<Container> content, ITextMeasurer? measurer = null)
    {
        var canvas = new RecordingCanvas();
        Document.Create(Meta).Page(p => p.Size(page).Margin(0).Content(content)).Render(canvas, measurer);
        return canvas;
    }

    public static RecordingCanvas Render(Document document, ITextMeasurer? measurer = null)
    {
        var canvas = new RecordingCanvas();
        document.Render(canvas, measurer);
        return canvas;
    }

    public static IReadOnlyList<TextDrawn> Texts(this RecordingCanvas canvas) =>
        canvas.Commands.OfType<TextDrawn>().ToList();
}
