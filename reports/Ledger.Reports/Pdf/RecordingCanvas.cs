namespace Ledger.Reports.Pdf;

/// <summary>
/// A canvas that records what is drawn, in page coordinates (translations applied), for layout tests
/// and previews: text runs with their baselines, rectangles, lines, paths, images and page starts.
/// </summary>
public sealed class RecordingCanvas : ICanvas
{
    private readonly List<DrawCommand> commands = [];
    private readonly Stack<(float X, float Y)> saved = new();
    private float originX;
    private float originY;
    private int page;

    /// <summary>Everything drawn, in order.</summary>
    public IReadOnlyList<DrawCommand> Commands => commands;

    /// <summary>The number of pages begun.</summary>
    public int PageCount => page;

    /// <summary>The text runs drawn on a page, in drawing order.</summary>
    /// <param name="pageNumber">The page, from 1.</param>
    /// <returns>The runs.</returns>
    public IReadOnlyList<TextDrawn> TextOn(int pageNumber) =>
        commands.OfType<TextDrawn>().Where(t => t.Page == pageNumber).ToList();

    /// <inheritdoc />
    public void BeginPage(Size size)
    {
        page++;
        originX = 0;
        originY = 0;
        saved.Clear();
        commands.Add(new PageStarted(page, size));
    }

    /// <inheritdoc />
    public void EndPage()
    {
    }

    /// <inheritdoc />
    public void Save() => saved.Push((originX, originY));

    /// <inheritdoc />
    public void Restore() => (originX, originY) = saved.Pop();

    /// <inheritdoc />
    public void Translate(float dx, float dy)
    {
        originX += dx;
        originY += dy;
    }

    /// <inheritdoc />
    public void DrawText(string text, Point baseline, TextStyle style) =>
        commands.Add(new TextDrawn(page, text, Offset(baseline), style));

    /// <inheritdoc />
    public void FillRect(Rect rect, Color color) =>
        commands.Add(new RectDrawn(page, Offset(rect), color, Filled: true, StrokeWidth: 0));

    /// <inheritdoc />
    public void StrokeRect(Rect rect, Color color, float width) =>
        commands.Add(new RectDrawn(page, Offset(rect), color, Filled: false, StrokeWidth: width));

    /// <inheritdoc />
    public void DrawLine(Point origin, Point destination, Color color, float width) =>
        commands.Add(new LineDrawn(page, Offset(origin), Offset(destination), color, width));

    /// <inheritdoc />
    public void DrawPolyline(IReadOnlyList<Point> points, Color color, float width)
    {
        ArgumentNullException.ThrowIfNull(points);
        commands.Add(new PolylineDrawn(page, points.Select(Offset).ToList(), color, width));
    }

    /// <inheritdoc />
    public void FillCircle(Point centre, float radius, Color color) =>
        commands.Add(new CircleDrawn(page, Offset(centre), radius, color));

    /// <inheritdoc />
    public void DrawImage(PngImage image, Rect rect) =>
        commands.Add(new ImageDrawn(page, Offset(rect), image));

    private Point Offset(Point p) => new(p.X + originX, p.Y + originY);

    private Rect Offset(Rect r) => r with { X = r.X + originX, Y = r.Y + originY };
}

/// <summary>One recorded drawing call.</summary>
/// <param name="Page">The page it was drawn on, from 1.</param>
public abstract record DrawCommand(int Page);

/// <summary>A page was begun.</summary>
/// <param name="Page">Its number, from 1.</param>
/// <param name="Size">Its size.</param>
public sealed record PageStarted(int Page, Size Size) : DrawCommand(Page);

/// <summary>A run of text.</summary>
/// <param name="Page">The page.</param>
/// <param name="Text">The text.</param>
/// <param name="Baseline">The left end of its baseline, in page coordinates.</param>
/// <param name="Style">Its style.</param>
public sealed record TextDrawn(int Page, string Text, Point Baseline, TextStyle Style) : DrawCommand(Page);

/// <summary>A filled or stroked rectangle.</summary>
/// <param name="Page">The page.</param>
/// <param name="Rect">The rectangle, in page coordinates.</param>
/// <param name="Color">Its colour.</param>
/// <param name="Filled">True for a fill, false for an outline.</param>
/// <param name="StrokeWidth">The outline's width (0 for a fill).</param>
public sealed record RectDrawn(int Page, Rect Rect, Color Color, bool Filled, float StrokeWidth) : DrawCommand(Page);

/// <summary>A straight line.</summary>
/// <param name="Page">The page.</param>
/// <param name="From">Start, in page coordinates.</param>
/// <param name="To">End, in page coordinates.</param>
/// <param name="Color">Colour.</param>
/// <param name="Width">Width.</param>
public sealed record LineDrawn(int Page, Point From, Point To, Color Color, float Width) : DrawCommand(Page);

/// <summary>An open path.</summary>
/// <param name="Page">The page.</param>
/// <param name="Points">Its points, in page coordinates.</param>
/// <param name="Color">Colour.</param>
/// <param name="Width">Width.</param>
public sealed record PolylineDrawn(int Page, IReadOnlyList<Point> Points, Color Color, float Width) : DrawCommand(Page);

/// <summary>A filled circle.</summary>
/// <param name="Page">The page.</param>
/// <param name="Centre">Centre, in page coordinates.</param>
/// <param name="Radius">Radius.</param>
/// <param name="Color">Colour.</param>
public sealed record CircleDrawn(int Page, Point Centre, float Radius, Color Color) : DrawCommand(Page);

/// <summary>An image.</summary>
/// <param name="Page">The page.</param>
/// <param name="Rect">Where it was placed, in page coordinates.</param>
/// <param name="Image">The image.</param>
public sealed record ImageDrawn(int Page, Rect Rect, PngImage Image) : DrawCommand(Page);

/// <summary>A canvas that draws nothing: the first pass of the page loop only counts pages.</summary>
internal sealed class NullCanvas : ICanvas
{
    public void BeginPage(Size size)
    {
    }

    public void EndPage()
    {
    }

    public void Save()
    {
    }

    public void Restore()
    {
    }

    public void Translate(float dx, float dy)
    {
    }

    public void DrawText(string text, Point baseline, TextStyle style)
    {
    }

    public void FillRect(Rect rect, Color color)
    {
    }

    public void StrokeRect(Rect rect, Color color, float width)
    {
    }

    public void DrawLine(Point origin, Point destination, Color color, float width)
    {
    }

    public void DrawPolyline(IReadOnlyList<Point> points, Color color, float width)
    {
    }

    public void FillCircle(Point centre, float radius, Color color)
    {
    }

    public void DrawImage(PngImage image, Rect rect)
    {
    }
}
