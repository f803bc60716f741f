namespace Ledger.Reports.Pdf.Elements;

/// <summary>What an element would draw in the space offered.</summary>
internal enum SpacePlanKind
{
    /// <summary>Nothing (left) to draw: it takes no space.</summary>
    Empty,

    /// <summary>Does not fit: nothing is drawn here; try again on the next page.</summary>
    Wrap,

    /// <summary>Draws part of itself in the given size and continues on the next page.</summary>
    Partial,

    /// <summary>Draws all that is left of itself in the given size.</summary>
    Full,
}

/// <summary>The answer to <see cref="Element.Measure"/>.</summary>
internal readonly record struct SpacePlan(SpacePlanKind Kind, float Width, float Height)
{
    public static SpacePlan Empty { get; } = new(SpacePlanKind.Empty, 0, 0);

    public static SpacePlan Wrap { get; } = new(SpacePlanKind.Wrap, 0, 0);

    public bool DrawsSomething => Kind is SpacePlanKind.Partial or SpacePlanKind.Full;

    public static SpacePlan Partial(float width, float height) => new(SpacePlanKind.Partial, width, height);

    public static SpacePlan Full(float width, float height) => new(SpacePlanKind.Full, width, height);
}

/// <summary>
/// A node of the layout tree. <see cref="Measure"/> says, without changing anything, what the element
/// would draw in the space offered; <see cref="Draw"/> draws that at the canvas origin and moves the
/// element's state on, so the next page continues where this one stopped. An element that has drawn
/// everything measures <see cref="SpacePlanKind.Empty"/> until <see cref="ResetState"/>.
/// </summary>
internal abstract class Element
{
    /// <summary>Tolerance for float comparisons of heights.</summary>
    protected const float Epsilon = 0.01f;

    public abstract SpacePlan Measure(Size available, LayoutContext context);

    public abstract void Draw(Size available, LayoutContext context);

    public virtual IEnumerable<Element> Children => [];

    /// <summary>Forgets progress (between the two passes, and for headers drawn on every page).</summary>
    public virtual void ResetState()
    {
    }

    public void ResetTree()
    {
        ResetState();
        foreach (var child in Children)
        {
            child.ResetTree();
        }
    }

    protected static bool Fits(float needed, float available) => needed <= available + Epsilon;
}

/// <summary>Everything an element needs while it is measured and drawn on one page.</summary>
internal sealed class LayoutContext(ICanvas canvas, ITextMeasurer measurer)
{
    public ICanvas Canvas { get; } = canvas;

    public ITextMeasurer Measurer { get; } = measurer;

    /// <summary>The current page, from 1, across the whole document.</summary>
    public int PageNumber { get; set; }

    /// <summary>The document's page count (in the first pass, not yet known: 0).</summary>
    public int TotalPages { get; set; }

    /// <summary>The page's default text style.</summary>
    public TextStyle DefaultTextStyle { get; set; } = TextStyle.Default;

    /// <summary>The height of the content area of a page, so a table row taller than any page may split.</summary>
    public float PageContentHeight { get; set; }

    /// <summary>Draws at an offset from the current origin and restores it.</summary>
    public void DrawAt(float x, float y, Action draw)
    {
        Canvas.Save();
        Canvas.Translate(x, y);
        try
        {
            draw();
        }
        finally
        {
            Canvas.Restore();
        }
    }

    /// <summary>Replaces characters the embedded font lacks with '?' and tabs with spaces; keeps line breaks.</summary>
    public string Printable(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (c != '\n' && !Measurer.CanDraw(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        return string.Create(text.Length, (text, Measurer), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                span[i] = c switch
                {
                    '\t' => ' ',
                    '\n' => '\n',
                    _ => state.Measurer.CanDraw(c) ? c : '?',
                };
            }
        });
    }
}

/// <summary>A slot holding at most one element; empty slots take no space.</summary>
internal sealed class Slot : Element
{
    public Element? Child { get; set; }

    public override IEnumerable<Element> Children => Child is null ? [] : [Child];

    public override SpacePlan Measure(Size available, LayoutContext context) =>
        Child?.Measure(available, context) ?? SpacePlan.Empty;

    public override void Draw(Size available, LayoutContext context) => Child?.Draw(available, context);
}

/// <summary>An element drawn once, whole, that never splits (lines, spacers, images, charts).</summary>
internal abstract class AtomicElement : Element
{
    private bool drawn;

    public sealed override SpacePlan Measure(Size available, LayoutContext context)
    {
        if (drawn)
        {
            return SpacePlan.Empty;
        }

        var size = Size(available, context);
        return Fits(size.Height, available.Height) && Fits(size.Width, available.Width)
            ? SpacePlan.Full(size.Width, size.Height)
            : SpacePlan.Wrap;
    }

    public sealed override void Draw(Size available, LayoutContext context)
    {
        if (drawn)
        {
            return;
        }

        DrawWhole(Size(available, context), context);
        drawn = true;
    }

    public override void ResetState() => drawn = false;

    protected abstract Size Size(Size available, LayoutContext context);

    protected abstract void DrawWhole(Size size, LayoutContext context);
}
