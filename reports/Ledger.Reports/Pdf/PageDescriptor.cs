using Ledger.Reports.Pdf.Elements;

namespace Ledger.Reports.Pdf;

/// <summary>
/// Describes a run of pages sharing a size, margins, header and footer. The content flows over as
/// many pages as it needs; the header and footer are drawn on each of them.
/// </summary>
public sealed class PageDescriptor
{
    private readonly Container header = new();
    private readonly Container content = new();
    private readonly Container footer = new();

    internal PageDescriptor()
    {
    }

    internal Size PageSize { get; private set; } = PageSizes.A4;

    internal (float Left, float Top, float Right, float Bottom) Margins { get; private set; } =
        (Unit.Millimetres(20), Unit.Millimetres(15), Unit.Millimetres(20), Unit.Millimetres(15));

    internal TextStyle TextStyle { get; private set; } = TextStyle.Default;

    internal float HeaderSpacing { get; private set; } = 12f;

    internal float FooterSpacing { get; private set; } = 12f;

    internal Element HeaderElement => header.Slot;

    internal Element ContentElement => content.Slot;

    internal Element FooterElement => footer.Slot;

    /// <summary>The page size (A4 portrait unless set).</summary>
    /// <param name="size">The size in points.</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor Size(Size size)
    {
        Check.Positive(size.Width, nameof(size));
        Check.Positive(size.Height, nameof(size));
        PageSize = size;
        return this;
    }

    /// <summary>The same margin on all sides (20 mm left and right, 15 mm top and bottom unless set).</summary>
    /// <param name="points">Points (see <see cref="Unit.Millimetres"/>).</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor Margin(float points) => Margin(points, points);

    /// <summary>Margins left and right, and top and bottom.</summary>
    /// <param name="horizontal">Points left and right.</param>
    /// <param name="vertical">Points top and bottom.</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor Margin(float horizontal, float vertical)
    {
        Check.NotNegative(horizontal, nameof(horizontal));
        Check.NotNegative(vertical, nameof(vertical));
        Margins = (horizontal, vertical, horizontal, vertical);
        return this;
    }

    /// <summary>The style of text that sets nothing itself.</summary>
    /// <param name="change">Changes the default (<see cref="Pdf.TextStyle.Default"/>).</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor DefaultTextStyle(Func<TextStyle, TextStyle> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        TextStyle = change(TextStyle);
        return this;
    }

    /// <summary>Composes the header drawn at the top of every page; it must fit on a page whole.</summary>
    /// <param name="compose">Fills the header.</param>
    /// <param name="spacing">Space between the header and the content, in points.</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor Header(Action<Container> compose, float spacing = 12f)
    {
        ArgumentNullException.ThrowIfNull(compose);
        HeaderSpacing = Check.NotNegative(spacing, nameof(spacing));
        compose(header);
        return this;
    }

    /// <summary>Composes the content, which flows over as many pages as it needs.</summary>
    /// <param name="compose">Fills the content.</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor Content(Action<Container> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        compose(content);
        return this;
    }

    /// <summary>
    /// Composes the footer drawn at the bottom of every page; it must fit on a page whole. For
    /// "Page X of Y" use <see cref="TextDescriptor.CurrentPageNumber"/> and <see cref="TextDescriptor.TotalPages"/>,
    /// or <see cref="PageNumberFooter"/>.
    /// </summary>
    /// <param name="compose">Fills the footer.</param>
    /// <param name="spacing">Space between the content and the footer, in points.</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor Footer(Action<Container> compose, float spacing = 12f)
    {
        ArgumentNullException.ThrowIfNull(compose);
        FooterSpacing = Check.NotNegative(spacing, nameof(spacing));
        compose(footer);
        return this;
    }

    /// <summary>A footer with a rule, optional text on the left and "Page X of Y" on the right.</summary>
    /// <param name="leftText">Text on the left (a reference, the period), or null.</param>
    /// <returns>This descriptor.</returns>
    public PageDescriptor PageNumberFooter(string? leftText = null) => Footer(f => f
        .BorderTop(0.5f)
        .PaddingTop(4)
        .Row(row =>
        {
            row.RelativeItem(2).Text(leftText ?? "").FontSize(8).FontColor(Colors.DarkGrey);
            row.RelativeItem().Text(t =>
            {
                t.Align(TextAlignment.Right).FontSize(8).FontColor(Colors.DarkGrey);
                t.Span("Page ");
                t.CurrentPageNumber();
                t.Span(" of ");
                t.TotalPages();
            });
        }));
}
