using Ledger.Reports.Pdf.Elements;

namespace Ledger.Reports.Pdf;

/// <summary>
/// A place in the document that holds one element. Decorating methods (<see cref="Padding(float)"/>,
/// <see cref="Background"/>, <see cref="Border(float, Color?)"/>, <see cref="KeepTogether"/>) wrap what
/// follows and return the inner container, so calls chain top-down:
/// <c>c.Padding(8).Background(Colors.LightGrey).Text("Hello")</c>. Content methods
/// (<see cref="Text(string)"/>, <see cref="Column"/>, <see cref="Row"/>, <see cref="Table"/>, …) fill
/// the container; a container can be filled once.
/// </summary>
public sealed class Container
{
    internal Container()
    {
    }

    internal Slot Slot { get; } = new();

    /// <summary>Space on all four sides.</summary>
    /// <param name="all">Points.</param>
    /// <returns>The inner container.</returns>
    public Container Padding(float all) => Padding(all, all, all, all);

    /// <summary>Space left and right, and top and bottom.</summary>
    /// <param name="horizontal">Points left and right.</param>
    /// <param name="vertical">Points top and bottom.</param>
    /// <returns>The inner container.</returns>
    public Container Padding(float horizontal, float vertical) => Padding(horizontal, vertical, horizontal, vertical);

    /// <summary>Space on each side.</summary>
    /// <param name="left">Left, in points.</param>
    /// <param name="top">Top, in points.</param>
    /// <param name="right">Right, in points.</param>
    /// <param name="bottom">Bottom, in points.</param>
    /// <returns>The inner container.</returns>
    public Container Padding(float left, float top, float right, float bottom)
    {
        var inner = new Container();
        Fill(new Elements.Padding(
            inner.Slot,
            Check.NotNegative(left, nameof(left)),
            Check.NotNegative(top, nameof(top)),
            Check.NotNegative(right, nameof(right)),
            Check.NotNegative(bottom, nameof(bottom))));
        return inner;
    }

    /// <summary>Space above.</summary>
    /// <param name="points">Points.</param>
    /// <returns>The inner container.</returns>
    public Container PaddingTop(float points) => Padding(0, points, 0, 0);

    /// <summary>Space below.</summary>
    /// <param name="points">Points.</param>
    /// <returns>The inner container.</returns>
    public Container PaddingBottom(float points) => Padding(0, 0, 0, points);

    /// <summary>A fill behind the content, across the full width.</summary>
    /// <param name="color">The fill.</param>
    /// <returns>The inner container.</returns>
    public Container Background(Color color)
    {
        var inner = new Container();
        Fill(new Elements.Background(inner.Slot, color));
        return inner;
    }

    /// <summary>A border on all four sides (drawn over the content's edges; add padding inside it).</summary>
    /// <param name="width">Line width in points.</param>
    /// <param name="color">Colour; mid grey if not given.</param>
    /// <returns>The inner container.</returns>
    public Container Border(float width, Color? color = null) => Border(width, width, width, width, color);

    /// <summary>A line under the content.</summary>
    /// <param name="width">Line width in points.</param>
    /// <param name="color">Colour; mid grey if not given.</param>
    /// <returns>The inner container.</returns>
    public Container BorderBottom(float width, Color? color = null) => Border(0, 0, 0, width, color);

    /// <summary>A line over the content.</summary>
    /// <param name="width">Line width in points.</param>
    /// <param name="color">Colour; mid grey if not given.</param>
    /// <returns>The inner container.</returns>
    public Container BorderTop(float width, Color? color = null) => Border(0, width, 0, 0, color);

    /// <summary>A line on the left of the content (call-outs, inset text).</summary>
    /// <param name="width">Line width in points.</param>
    /// <param name="color">Colour; mid grey if not given.</param>
    /// <returns>The inner container.</returns>
    public Container BorderLeft(float width, Color? color = null) => Border(width, 0, 0, 0, color);

    /// <summary>
    /// Keeps the content on one page: if it would be split here, it starts on the next page instead
    /// (content taller than a page still splits).
    /// </summary>
    /// <returns>The inner container.</returns>
    public Container KeepTogether()
    {
        var inner = new Container();
        Fill(new Elements.KeepTogether(inner.Slot));
        return inner;
    }

    /// <summary>A paragraph of one span. Use the returned descriptor to style it.</summary>
    /// <param name="text">The text; '\n' breaks the line.</param>
    /// <returns>The span's style descriptor.</returns>
    public TextSpanDescriptor Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var block = new TextBlock();
        Fill(block);
        return new TextSpanDescriptor(block, block.Add(new TextSpan(text, null)));
    }

    /// <summary>A paragraph of several spans in different styles, with page numbers if wanted.</summary>
    /// <param name="compose">Adds the spans.</param>
    public void Text(Action<TextDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var block = new TextBlock();
        Fill(block);
        compose(new TextDescriptor(block));
    }

    /// <summary>A vertical stack of items.</summary>
    /// <param name="compose">Adds the items.</param>
    public void Column(Action<ColumnDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var column = new Elements.Column();
        Fill(column);
        compose(new ColumnDescriptor(column));
    }

    /// <summary>Items side by side, with fixed or relative widths.</summary>
    /// <param name="compose">Adds the items.</param>
    public void Row(Action<RowDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var row = new Elements.Row();
        Fill(row);
        compose(new RowDescriptor(row));
    }

    /// <summary>A table whose header repeats on every page and whose rows never split.</summary>
    /// <param name="compose">Defines columns, header, rows and total.</param>
    public void Table(Action<TableDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var table = new Elements.Table();
        Fill(table);
        compose(new TableDescriptor(table));
        table.Complete();
    }

    /// <summary>A PNG image, at 1 point per pixel, scaled down to the available width if wider.</summary>
    /// <param name="png">The PNG file's bytes.</param>
    /// <param name="width">A width in points instead of the natural one.</param>
    /// <param name="alignment">Where a narrower image sits.</param>
    /// <exception cref="ArgumentException">The bytes are not a PNG file.</exception>
    public void Image(ReadOnlySpan<byte> png, float? width = null, TextAlignment alignment = TextAlignment.Left)
    {
        var image = PngImage.FromBytes(png);
        Fill(new ImageElement(image, width is { } w ? Check.Positive(w, nameof(width)) : null, alignment));
    }

    /// <summary>A bar chart drawn as vector shapes.</summary>
    /// <param name="compose">Adds bars and options.</param>
    public void BarChart(Action<BarChartDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var chart = new Elements.BarChart();
        Fill(chart);
        compose(new BarChartDescriptor(chart));
    }

    /// <summary>A line chart drawn as vector paths.</summary>
    /// <param name="compose">Adds categories, series and options.</param>
    public void LineChart(Action<LineChartDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var chart = new Elements.LineChart();
        Fill(chart);
        compose(new LineChartDescriptor(chart));
    }

    /// <summary>A horizontal rule across the width.</summary>
    /// <param name="thickness">Points.</param>
    /// <param name="color">Colour; mid grey if not given.</param>
    public void LineHorizontal(float thickness = 0.75f, Color? color = null) =>
        Fill(new HorizontalLine(Check.Positive(thickness, nameof(thickness)), color ?? Colors.MidGrey));

    /// <summary>Empty vertical space.</summary>
    /// <param name="height">Points.</param>
    public void Spacer(float height) => Fill(new Spacer(Check.NotNegative(height, nameof(height))));

    /// <summary>Ends the page: what follows starts on the next one.</summary>
    public void PageBreak() => Fill(new Elements.PageBreak());

    private Container Border(float left, float top, float right, float bottom, Color? color)
    {
        var inner = new Container();
        Fill(new Elements.Border(inner.Slot, color ?? Colors.MidGrey, left, top, right, bottom));
        return inner;
    }

    private void Fill(Element element)
    {
        if (Slot.Child is not null)
        {
            throw new InvalidOperationException("This container already holds an element: use Column or Row to place several.");
        }

        Slot.Child = element;
    }
}
