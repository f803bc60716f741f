namespace Ledger.Reports.Pdf;

/// <summary>
/// The drawing port the layout engine draws through. Coordinates are PDF points from the top-left of
/// the current origin, y growing downwards; <see cref="Translate"/> moves the origin and
/// <see cref="Save"/>/<see cref="Restore"/> bracket such moves. The PDF
/// implementation sits on SkiaSharp; <see cref="RecordingCanvas"/> records the calls so layout can be
/// tested without producing a PDF.
/// </summary>
public interface ICanvas
{
    /// <summary>Starts a new page; the origin returns to the page's top-left corner.</summary>
    /// <param name="size">The page size.</param>
    void BeginPage(Size size);

    /// <summary>Finishes the current page.</summary>
    void EndPage();

    /// <summary>Saves the origin, to be restored by <see cref="Restore"/>.</summary>
    void Save();

    /// <summary>Restores the origin saved by the matching <see cref="Save"/>.</summary>
    void Restore();

    /// <summary>Moves the origin by the given offset (until the next <see cref="Restore"/>).</summary>
    /// <param name="dx">Horizontal offset.</param>
    /// <param name="dy">Vertical offset.</param>
    void Translate(float dx, float dy);

    /// <summary>Draws one run of text in one style, starting at <paramref name="baseline"/>.</summary>
    /// <param name="text">The text; only characters the embedded font covers.</param>
    /// <param name="baseline">The left end of the run's baseline.</param>
    /// <param name="style">Font weight, size and colour.</param>
    void DrawText(string text, Point baseline, TextStyle style);

    /// <summary>Fills a rectangle.</summary>
    /// <param name="rect">The rectangle.</param>
    /// <param name="color">Fill colour.</param>
    void FillRect(Rect rect, Color color);

    /// <summary>Strokes a rectangle's outline.</summary>
    /// <param name="rect">The rectangle (the stroke is centred on its edges).</param>
    /// <param name="color">Stroke colour.</param>
    /// <param name="width">Stroke width in points.</param>
    void StrokeRect(Rect rect, Color color, float width);

    /// <summary>Draws a straight line.</summary>
    /// <param name="origin">Start.</param>
    /// <param name="destination">End.</param>
    /// <param name="color">Colour.</param>
    /// <param name="width">Width in points.</param>
    void DrawLine(Point origin, Point destination, Color color, float width);

    /// <summary>Strokes an open path through the points, with round joins.</summary>
    /// <param name="points">At least two points.</param>
    /// <param name="color">Colour.</param>
    /// <param name="width">Width in points.</param>
    void DrawPolyline(IReadOnlyList<Point> points, Color color, float width);

    /// <summary>Fills a circle (chart markers).</summary>
    /// <param name="centre">Centre.</param>
    /// <param name="radius">Radius in points.</param>
    /// <param name="color">Fill colour.</param>
    void FillCircle(Point centre, float radius, Color color);

    /// <summary>Draws an image scaled into a rectangle.</summary>
    /// <param name="image">The image.</param>
    /// <param name="rect">Where it goes.</param>
    void DrawImage(PngImage image, Rect rect);
}

/// <summary>Measures text for layout. The PDF uses the embedded fonts' metrics; tests may supply their own.</summary>
public interface ITextMeasurer
{
    /// <summary>The advance width of <paramref name="text"/> in points.</summary>
    /// <param name="text">Text on one line.</param>
    /// <param name="style">The style it is set in.</param>
    /// <returns>Its width.</returns>
    float MeasureWidth(string text, TextStyle style);

    /// <summary>The ascent (above the baseline) and descent (below it) of the font at a size, both positive.</summary>
    /// <param name="style">The style.</param>
    /// <returns>The metrics.</returns>
    FontMetrics GetMetrics(TextStyle style);

    /// <summary>Whether the font has a glyph for the character; others are drawn as <c>?</c>.</summary>
    /// <param name="character">A UTF-16 code unit.</param>
    /// <returns>True when it can be drawn.</returns>
    bool CanDraw(char character);
}

/// <summary>Vertical font metrics in points.</summary>
/// <param name="Ascent">Height above the baseline (positive).</param>
/// <param name="Descent">Depth below the baseline (positive).</param>
public readonly record struct FontMetrics(float Ascent, float Descent);
