using System.Globalization;
using Ledger.Reports.Pdf.Elements;

namespace Ledger.Reports.Pdf;

/// <summary>Builds a paragraph from spans; sets its alignment and default style.</summary>
public sealed class TextDescriptor
{
    private readonly TextBlock block;

    internal TextDescriptor(TextBlock block) => this.block = block;

    /// <summary>Adds a span of text.</summary>
    /// <param name="text">The text; '\n' breaks the line.</param>
    /// <returns>The span's style descriptor.</returns>
    public TextSpanDescriptor Span(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TextSpanDescriptor(block, block.Add(new TextSpan(text, null)));
    }

    /// <summary>Adds a span followed by a line break.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The span's style descriptor.</returns>
    public TextSpanDescriptor Line(string text) => Span(text + "\n");

    /// <summary>Adds the current page's number (from 1, across the document).</summary>
    /// <returns>The span's style descriptor.</returns>
    public TextSpanDescriptor CurrentPageNumber() =>
        new(block, block.Add(new TextSpan(null, c => c.PageNumber.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Adds the document's page count.</summary>
    /// <returns>The span's style descriptor.</returns>
    public TextSpanDescriptor TotalPages() =>
        new(block, block.Add(new TextSpan(null, c => c.TotalPages.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Aligns every line of the paragraph.</summary>
    /// <param name="alignment">The alignment.</param>
    /// <returns>This descriptor.</returns>
    public TextDescriptor Align(TextAlignment alignment)
    {
        block.Alignment = alignment;
        return this;
    }

    /// <summary>Sets the size of every span that does not set its own.</summary>
    /// <param name="size">Points.</param>
    /// <returns>This descriptor.</returns>
    public TextDescriptor FontSize(float size)
    {
        block.BlockStyle.Size = Check.Positive(size, nameof(size));
        return this;
    }

    /// <summary>Sets the colour of every span that does not set its own.</summary>
    /// <param name="color">The colour.</param>
    /// <returns>This descriptor.</returns>
    public TextDescriptor FontColor(Color color)
    {
        block.BlockStyle.Color = color;
        return this;
    }

    /// <summary>Makes every span bold that does not set its own weight.</summary>
    /// <returns>This descriptor.</returns>
    public TextDescriptor Bold()
    {
        block.BlockStyle.Weight = FontWeight.Bold;
        return this;
    }
}

/// <summary>Styles one span; the paragraph-level methods (<see cref="AlignRight"/>, …) apply to its whole paragraph.</summary>
public sealed class TextSpanDescriptor
{
    private readonly TextBlock block;
    private readonly TextSpan span;

    internal TextSpanDescriptor(TextBlock block, TextSpan span)
    {
        this.block = block;
        this.span = span;
    }

    /// <summary>Bold.</summary>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor Bold()
    {
        span.Style.Weight = FontWeight.Bold;
        return this;
    }

    /// <summary>Regular weight (overriding a bold default).</summary>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor Regular()
    {
        span.Style.Weight = FontWeight.Regular;
        return this;
    }

    /// <summary>Font size.</summary>
    /// <param name="size">Points.</param>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor FontSize(float size)
    {
        span.Style.Size = Check.Positive(size, nameof(size));
        return this;
    }

    /// <summary>Text colour.</summary>
    /// <param name="color">The colour.</param>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor FontColor(Color color)
    {
        span.Style.Color = color;
        return this;
    }

    /// <summary>Line height as a multiple of the font size.</summary>
    /// <param name="multiple">At least 1.</param>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor LineHeight(float multiple)
    {
        span.Style.LineHeight = multiple >= 1f ? multiple : throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "Line height must be at least 1.");
        return this;
    }

    /// <summary>Applies a whole style to the span.</summary>
    /// <param name="style">The style.</param>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor Style(TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        span.Style.Size = style.Size;
        span.Style.Weight = style.Weight;
        span.Style.Color = style.Color;
        span.Style.LineHeight = style.LineHeight;
        return this;
    }

    /// <summary>Right-aligns the paragraph.</summary>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor AlignRight() => Align(TextAlignment.Right);

    /// <summary>Centres the paragraph.</summary>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor AlignCenter() => Align(TextAlignment.Center);

    /// <summary>Left-aligns the paragraph (in a table, overriding the column's alignment).</summary>
    /// <returns>This descriptor.</returns>
    public TextSpanDescriptor AlignLeft() => Align(TextAlignment.Left);

    private TextSpanDescriptor Align(TextAlignment alignment)
    {
        block.Alignment = alignment;
        return this;
    }
}
