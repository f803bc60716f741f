namespace Ledger.Reports.Pdf.Elements;

/// <summary>A vertical stack with spacing between items; continues on the next page where it stopped.</summary>
internal sealed class Column : Element
{
    private readonly List<Element> items = [];
    private int next;

    public float Spacing { get; set; }

    public override IEnumerable<Element> Children => items;

    public void Add(Element item) => items.Add(item);

    public override void ResetState() => next = 0;

    public override SpacePlan Measure(Size available, LayoutContext context) =>
        Walk(available, context, draw: false);

    public override void Draw(Size available, LayoutContext context) =>
        Walk(available, context, draw: true);

    private SpacePlan Walk(Size available, LayoutContext context, bool draw)
    {
        var height = 0f;
        var any = false;
        for (var i = next; i < items.Count; i++)
        {
            var gap = any ? Spacing : 0f;
            var room = new Size(available.Width, available.Height - height - gap);
            var plan = room.Height < -Epsilon ? SpacePlan.Wrap : items[i].Measure(room, context);
            switch (plan.Kind)
            {
                case SpacePlanKind.Empty:
                    if (draw)
                    {
                        next = i + 1;
                    }

                    continue;
                case SpacePlanKind.Wrap:
                    return any ? SpacePlan.Partial(available.Width, height) : SpacePlan.Wrap;
                case SpacePlanKind.Partial:
                    if (draw)
                    {
                        var item = items[i];
                        context.DrawAt(0, height + gap, () => item.Draw(room, context));
                    }

                    return SpacePlan.Partial(available.Width, height + gap + plan.Height);
                default:
                    if (draw)
                    {
                        var item = items[i];
                        context.DrawAt(0, height + gap, () => item.Draw(room, context));
                        next = i + 1;
                    }

                    height += gap + plan.Height;
                    any = true;
                    break;
            }
        }

        return any ? SpacePlan.Full(available.Width, height) : SpacePlan.Empty;
    }
}

/// <summary>How a row item's or table column's width is given.</summary>
internal readonly record struct WidthSpec(bool IsFixed, float Value)
{
    /// <summary>Splits a width among specs: fixed ones first, the rest by weight.</summary>
    public static float[] Distribute(IReadOnlyList<WidthSpec> specs, float total, float spacing)
    {
        var widths = new float[specs.Count];
        var free = total - (spacing * Math.Max(0, specs.Count - 1));
        var weights = 0f;
        for (var i = 0; i < specs.Count; i++)
        {
            if (specs[i].IsFixed)
            {
                widths[i] = specs[i].Value;
                free -= specs[i].Value;
            }
            else
            {
                weights += specs[i].Value;
            }
        }

        for (var i = 0; i < specs.Count; i++)
        {
            if (!specs[i].IsFixed)
            {
                widths[i] = weights > 0 ? Math.Max(0, free) * specs[i].Value / weights : 0;
            }
        }

        return widths;
    }
}

/// <summary>A horizontal arrangement of items with fixed or relative widths.</summary>
internal sealed class Row : Element
{
    private readonly List<(WidthSpec Width, Element Item)> items = [];

    public float Spacing { get; set; }

    public override IEnumerable<Element> Children => items.Select(i => i.Item);

    public void Add(WidthSpec width, Element item) => items.Add((width, item));

    public override SpacePlan Measure(Size available, LayoutContext context)
    {
        var widths = Widths(available.Width);
        var needed = widths.Sum() + (Spacing * Math.Max(0, items.Count - 1));
        if (needed > available.Width + Epsilon)
        {
            throw new LayoutException(
                $"A row needs {needed:0.#} pt for its fixed widths and spacing but only {available.Width:0.#} pt is available.");
        }

        var height = 0f;
        var partial = false;
        var any = false;
        for (var i = 0; i < items.Count; i++)
        {
            var plan = items[i].Item.Measure(new Size(widths[i], available.Height), context);
            switch (plan.Kind)
            {
                case SpacePlanKind.Wrap:
                    return SpacePlan.Wrap;
                case SpacePlanKind.Partial:
                    partial = true;
                    break;
                case SpacePlanKind.Empty:
                    continue;
            }

            any = true;
            height = Math.Max(height, plan.Height);
        }

        if (!any)
        {
            return SpacePlan.Empty;
        }

        return partial ? SpacePlan.Partial(available.Width, height) : SpacePlan.Full(available.Width, height);
    }

    public override void Draw(Size available, LayoutContext context)
    {
        var plan = Measure(available, context);
        if (!plan.DrawsSomething)
        {
            return;
        }

        var widths = Widths(available.Width);
        var x = 0f;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i].Item;
            var size = new Size(widths[i], plan.Height);
            if (item.Measure(size, context).DrawsSomething)
            {
                context.DrawAt(x, 0, () => item.Draw(size, context));
            }

            x += widths[i] + Spacing;
        }
    }

    private float[] Widths(float total) => WidthSpec.Distribute(items.Select(i => i.Width).ToList(), total, Spacing);
}

/// <summary>Space around a child.</summary>
internal sealed class Padding(Element child, float left, float top, float right, float bottom) : Element
{
    public override IEnumerable<Element> Children => [child];

    public override SpacePlan Measure(Size available, LayoutContext context)
    {
        var inner = Inner(available);
        if (inner.Width < 0 || inner.Height < 0)
        {
            return SpacePlan.Wrap;
        }

        var plan = child.Measure(inner, context);
        return plan.DrawsSomething
            ? plan with { Width = plan.Width + left + right, Height = plan.Height + top + bottom }
            : plan;
    }

    public override void Draw(Size available, LayoutContext context) =>
        context.DrawAt(left, top, () => child.Draw(Inner(available), context));

    private Size Inner(Size available) =>
        new(available.Width - left - right, available.Height - top - bottom);
}

/// <summary>A fill behind a child, over the full width and the child's height on each page.</summary>
internal sealed class Background(Element child, Color color) : Element
{
    public override IEnumerable<Element> Children => [child];

    public override SpacePlan Measure(Size available, LayoutContext context) => child.Measure(available, context);

    public override void Draw(Size available, LayoutContext context)
    {
        var plan = child.Measure(available, context);
        if (!plan.DrawsSomething)
        {
            return;
        }

        context.Canvas.FillRect(new Rect(0, 0, available.Width, plan.Height), color);
        child.Draw(available, context);
    }
}

/// <summary>Lines along chosen sides of a child (drawn over its edges, not taking space).</summary>
internal sealed class Border(Element child, Color color, float left, float top, float right, float bottom) : Element
{
    public override IEnumerable<Element> Children => [child];

    public override SpacePlan Measure(Size available, LayoutContext context) => child.Measure(available, context);

    public override void Draw(Size available, LayoutContext context)
    {
        var plan = child.Measure(available, context);
        if (!plan.DrawsSomething)
        {
            return;
        }

        child.Draw(available, context);
        var w = available.Width;
        var h = plan.Height;
        var canvas = context.Canvas;
        if (top > 0)
        {
            canvas.DrawLine(new Point(0, top / 2), new Point(w, top / 2), color, top);
        }

        if (bottom > 0)
        {
            canvas.DrawLine(new Point(0, h - (bottom / 2)), new Point(w, h - (bottom / 2)), color, bottom);
        }

        if (left > 0)
        {
            canvas.DrawLine(new Point(left / 2, 0), new Point(left / 2, h), color, left);
        }

        if (right > 0)
        {
            canvas.DrawLine(new Point(w - (right / 2), 0), new Point(w - (right / 2), h), color, right);
        }
    }
}

/// <summary>
/// Keeps a child whole: if it would split here it moves to the next page, unless it is taller than
/// a page, when it splits as usual.
/// </summary>
internal sealed class KeepTogether(Element child) : Element
{
    public override IEnumerable<Element> Children => [child];

    public override SpacePlan Measure(Size available, LayoutContext context)
    {
        var plan = child.Measure(available, context);
        if (plan.Kind != SpacePlanKind.Partial)
        {
            return plan;
        }

        var onAWholePage = child.Measure(available with { Height = context.PageContentHeight }, context);
        return onAWholePage.Kind == SpacePlanKind.Full ? SpacePlan.Wrap : plan;
    }

    public override void Draw(Size available, LayoutContext context) => child.Draw(available, context);
}

/// <summary>Ends the page here.</summary>
internal sealed class PageBreak : Element
{
    private bool done;

    public override SpacePlan Measure(Size available, LayoutContext context) =>
        done ? SpacePlan.Empty : SpacePlan.Partial(available.Width, 0);

    public override void Draw(Size available, LayoutContext context) => done = true;

    public override void ResetState() => done = false;
}

/// <summary>A horizontal rule across the available width.</summary>
internal sealed class HorizontalLine(float thickness, Color color) : AtomicElement
{
    protected override Size Size(Size available, LayoutContext context) => new(available.Width, thickness);

    protected override void DrawWhole(Size size, LayoutContext context) =>
        context.Canvas.DrawLine(new Point(0, thickness / 2), new Point(size.Width, thickness / 2), color, thickness);
}

/// <summary>Empty vertical space.</summary>
internal sealed class Spacer(float height) : AtomicElement
{
    protected override Size Size(Size available, LayoutContext context) => new(available.Width, height);

    protected override void DrawWhole(Size size, LayoutContext context)
    {
    }
}

/// <summary>A PNG image, at its natural size (1 pixel = 1 point) or a given width, never wider than the space.</summary>
internal sealed class ImageElement(PngImage image, float? width, TextAlignment alignment) : AtomicElement
{
    protected override Size Size(Size available, LayoutContext context) =>
        new(available.Width, ImageWidth(available.Width) * image.PixelHeight / image.PixelWidth);

    protected override void DrawWhole(Size size, LayoutContext context)
    {
        var w = ImageWidth(size.Width);
        var x = alignment switch
        {
            TextAlignment.Center => (size.Width - w) / 2,
            TextAlignment.Right => size.Width - w,
            _ => 0,
        };
        context.Canvas.DrawImage(image, new Rect(x, 0, w, size.Height));
    }

    private float ImageWidth(float available) => Math.Min(width ?? image.PixelWidth, available);
}
