using Ledger.Reports.Pdf.Elements;
using SkiaSharp;

namespace Ledger.Reports.Pdf;

/// <summary>
/// A document: metadata and one or more runs of pages, composed top-down with small fluent methods:
/// <code>
/// Document.Create(metadata)
///     .Page(p => p
///         .Header(h => h.Text("Budget statement").FontSize(16).Bold())
///         .Content(c => c.Column(col =>
///         {
///             col.Spacing(8);
///             col.Item().Text("…");
///             col.Item().Table(t => …);
///         }))
///         .PageNumberFooter("April 2026"))
///     .WritePdf("statement.pdf");
/// </code>
/// Rendering runs the page loop twice: first to count the pages, then to draw them, so a footer can
/// say "Page X of Y". A document can be rendered any number of times and gives the same bytes each
/// time; it is not safe to render one document from two threads at once.
/// </summary>
public sealed class Document
{
    /// <summary>Pages beyond this mean a layout that never finishes.</summary>
    private const int MaxPages = 10_000;

    private readonly List<PageDescriptor> sections = [];

    private Document(DocumentMetadata metadata) => Metadata = metadata;

    /// <summary>The metadata written into the PDF.</summary>
    public DocumentMetadata Metadata { get; }

    /// <summary>Starts a document.</summary>
    /// <param name="metadata">Title, author, subject and the fixed creation date.</param>
    /// <returns>The document, to add pages to.</returns>
    public static Document Create(DocumentMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new Document(metadata);
    }

    /// <summary>Adds a run of pages (a section); sections start on a new page and share the page numbering.</summary>
    /// <param name="compose">Sets the size, margins, header, content and footer.</param>
    /// <returns>This document.</returns>
    public Document Page(Action<PageDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var page = new PageDescriptor();
        compose(page);
        sections.Add(page);
        return this;
    }

    /// <summary>Renders the PDF into memory.</summary>
    /// <returns>The PDF file's bytes.</returns>
    /// <exception cref="LayoutException">Something fits on no page.</exception>
    public byte[] GeneratePdf()
    {
        using var buffer = new MemoryStream();
        GeneratePdf(buffer);
        return buffer.ToArray();
    }

    /// <summary>Renders the PDF to a stream (left open).</summary>
    /// <param name="output">A writable stream.</param>
    /// <exception cref="LayoutException">Something fits on no page.</exception>
    public void GeneratePdf(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // Lay out first: a layout error then leaves nothing half-written in the stream.
        var totalPages = RunPageLoop(new NullCanvas(), EmbeddedFontMeasurer.Instance, totalPages: 0);
        using var pdf = new SkiaPdfCanvas(output, SkiaMetadata());
        RunPageLoop(pdf, EmbeddedFontMeasurer.Instance, totalPages);
        pdf.Close();
    }

    /// <summary>
    /// Writes the PDF to a file atomically: into a temporary file in the same folder, then moved over
    /// <paramref name="path"/>. On failure no file is left: not a partial one, not the temporary one.
    /// </summary>
    /// <param name="path">Where the file goes; its folder must exist.</param>
    /// <exception cref="PdfWriteException">The file cannot be written there.</exception>
    /// <exception cref="LayoutException">Something fits on no page (nothing is written).</exception>
    public void WritePdf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = GeneratePdf();
        AtomicFile.Write(path, bytes);
    }

    /// <summary>
    /// Lays the document out onto any canvas (a <see cref="RecordingCanvas"/> in tests), with both
    /// passes of the page loop.
    /// </summary>
    /// <param name="canvas">Where to draw.</param>
    /// <param name="measurer">Text metrics; the embedded fonts' if not given.</param>
    /// <returns>The number of pages.</returns>
    /// <exception cref="LayoutException">Something fits on no page.</exception>
    public int Render(ICanvas canvas, ITextMeasurer? measurer = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        measurer ??= EmbeddedFontMeasurer.Instance;
        var totalPages = RunPageLoop(new NullCanvas(), measurer, totalPages: 0);
        return RunPageLoop(canvas, measurer, totalPages);
    }

    private SKDocumentPdfMetadata SkiaMetadata() => new()
    {
        Title = Metadata.Title,
        Author = Metadata.Author,
        Subject = Metadata.Subject,
        Keywords = Metadata.Keywords,
        Creator = Metadata.Creator,
        Producer = "Ledger.Reports",
        Creation = Metadata.Created.ToDateTimeUtc(),
        Modified = Metadata.Modified.ToDateTimeUtc(),
        RasterDpi = SKDocument.DefaultRasterDpi,
        EncodingQuality = 100,
        PdfA = false,
    };

    /// <summary>One pass of the page loop over every section; returns the number of pages.</summary>
    private int RunPageLoop(ICanvas canvas, ITextMeasurer measurer, int totalPages)
    {
        if (sections.Count == 0)
        {
            throw new InvalidOperationException("The document has no pages: call Page(...) first.");
        }

        var context = new LayoutContext(canvas, measurer) { TotalPages = totalPages };
        var pageNumber = 0;
        foreach (var section in sections)
        {
            section.HeaderElement.ResetTree();
            section.ContentElement.ResetTree();
            section.FooterElement.ResetTree();
            pageNumber = RunSection(section, context, pageNumber);
        }

        return pageNumber;
    }

    private static int RunSection(PageDescriptor section, LayoutContext context, int pageNumber)
    {
        var (left, top, right, bottom) = section.Margins;
        var size = section.PageSize;
        var width = size.Width - left - right;
        var height = size.Height - top - bottom;
        context.DefaultTextStyle = section.TextStyle;
        var firstPage = true;
        var emptyPages = 0;
        while (true)
        {
            context.PageNumber = pageNumber + 1;
            var headerHeight = MeasureFixed(section.HeaderElement, "header", new Size(width, height), context);
            var footerHeight = MeasureFixed(section.FooterElement, "footer", new Size(width, height), context);
            var headerGap = headerHeight > 0 ? section.HeaderSpacing : 0;
            var footerGap = footerHeight > 0 ? section.FooterSpacing : 0;
            var content = new Size(width, height - headerHeight - headerGap - footerHeight - footerGap);
            if (content.Height <= 0)
            {
                throw new LayoutException($"The header and footer leave no room for content on page {context.PageNumber}.");
            }

            context.PageContentHeight = content.Height;
            var plan = section.ContentElement.Measure(content, context);
            if (plan.Kind == SpacePlanKind.Empty && !firstPage)
            {
                return pageNumber;
            }

            if (plan.Kind == SpacePlanKind.Wrap)
            {
                throw new LayoutException(
                    $"Content on page {context.PageNumber} does not fit on an empty page ({content.Width:0.#} × {content.Height:0.#} pt): " +
                    "an image, chart, row of fixed widths or unsplittable table row is larger than the page.");
            }

            emptyPages = plan.Height > 0 ? 0 : emptyPages + 1;
            if (emptyPages > 50 || pageNumber >= MaxPages)
            {
                throw new LayoutException($"The layout does not finish: {pageNumber} pages, the last {emptyPages} without content.");
            }

            pageNumber++;
            context.Canvas.BeginPage(size);
            DrawFixed(section.HeaderElement, left, top, width, height, context);
            context.DrawAt(left, top + headerHeight + headerGap, () => section.ContentElement.Draw(content, context));
            DrawFixed(section.FooterElement, left, size.Height - bottom - footerHeight, width, height, context);
            context.Canvas.EndPage();
            firstPage = false;
            if (plan.Kind is SpacePlanKind.Full or SpacePlanKind.Empty)
            {
                return pageNumber;
            }
        }
    }

    private static float MeasureFixed(Element element, string what, Size available, LayoutContext context)
    {
        var plan = element.Measure(available, context);
        return plan.Kind switch
        {
            SpacePlanKind.Empty => 0,
            SpacePlanKind.Full => plan.Height,
            _ => throw new LayoutException($"The page {what} does not fit on page {context.PageNumber}: a {what} must fit on a page whole."),
        };
    }

    private static void DrawFixed(Element element, float x, float y, float width, float height, LayoutContext context)
    {
        context.DrawAt(x, y, () => element.Draw(new Size(width, height), context));
        element.ResetTree();
    }
}
