using SkiaSharp;

namespace Ledger.Reports.Pdf;

/// <summary>Draws onto SkiaSharp's PDF backend (<see cref="SKDocument.CreatePdf(Stream, SKDocumentPdfMetadata)"/>).</summary>
internal sealed class SkiaPdfCanvas : ICanvas, IDisposable
{
    private readonly SKDocument document;
    private readonly Dictionary<(FontWeight, float), SKFont> fonts = [];
    private readonly SKPaint fill = new() { Style = SKPaintStyle.Fill, IsAntialias = true };
    private readonly SKPaint stroke = new() { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Butt };
    private SKCanvas? canvas;

    public SkiaPdfCanvas(Stream output, SKDocumentPdfMetadata metadata)
    {
        document = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
    }

    private SKCanvas Page => canvas ?? throw new InvalidOperationException("No page has been begun.");

    public void BeginPage(Size size) => canvas = document.BeginPage(size.Width, size.Height);

    public void EndPage()
    {
        document.EndPage();
        canvas = null;
    }

    public void Close() => document.Close();

    public void Save() => Page.Save();

    public void Restore() => Page.Restore();

    public void Translate(float dx, float dy) => Page.Translate(dx, dy);

    public void DrawText(string text, Point baseline, TextStyle style)
    {
        fill.Color = ToSk(style.Color);
        Page.DrawText(text, baseline.X, baseline.Y, SKTextAlign.Left, FontFor(style), fill);
    }

    public void FillRect(Rect rect, Color color)
    {
        fill.Color = ToSk(color);
        Page.DrawRect(ToSk(rect), fill);
    }

    public void StrokeRect(Rect rect, Color color, float width)
    {
        SetStroke(color, width);
        Page.DrawRect(ToSk(rect), stroke);
    }

    public void DrawLine(Point origin, Point destination, Color color, float width)
    {
        SetStroke(color, width);
        Page.DrawLine(origin.X, origin.Y, destination.X, destination.Y, stroke);
    }

    public void DrawPolyline(IReadOnlyList<Point> points, Color color, float width)
    {
        if (points.Count < 2)
        {
            return;
        }

        using var builder = new SKPathBuilder();
        builder.MoveTo(points[0].X, points[0].Y);
        for (var i = 1; i < points.Count; i++)
        {
            builder.LineTo(points[i].X, points[i].Y);
        }

        using var path = builder.Detach();

        SetStroke(color, width);
        Page.DrawPath(path, stroke);
    }

    public void FillCircle(Point centre, float radius, Color color)
    {
        fill.Color = ToSk(color);
        Page.DrawCircle(centre.X, centre.Y, radius, fill);
    }

    public void DrawImage(PngImage image, Rect rect)
    {
        using var data = SKData.CreateCopy(image.Bytes.Span);
        using var decoded = SKImage.FromEncodedData(data)
            ?? throw new InvalidOperationException("SkiaSharp could not decode the PNG image.");
        Page.DrawImage(decoded, ToSk(rect), new SKSamplingOptions(SKFilterMode.Linear), null);
    }

    public void Dispose()
    {
        foreach (var font in fonts.Values)
        {
            font.Dispose();
        }

        fill.Dispose();
        stroke.Dispose();
        document.Dispose();
    }

    private static SKColor ToSk(Color c) => new(c.Red, c.Green, c.Blue, c.Alpha);

    private static SKRect ToSk(Rect r) => new(r.X, r.Y, r.Right, r.Bottom);

    private void SetStroke(Color color, float width)
    {
        stroke.Color = ToSk(color);
        stroke.StrokeWidth = width;
    }

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
