namespace Ledger.Reports.Pdf.Elements;

/// <summary>A table column: its width and the alignment of its text cells.</summary>
internal sealed record TableColumn(WidthSpec Width, TextAlignment Alignment);

/// <summary>A row of cells, one per column.</summary>
internal sealed class TableRow(bool isTotal)
{
    public bool IsTotal { get; } = isTotal;

    public List<Element> Cells { get; } = [];
}

/// <summary>Colours and spacing of a table.</summary>
internal sealed class TableStyle
{
    public float CellPaddingX { get; set; } = 4f;

    public float CellPaddingY { get; set; } = 3f;

    public Color? HeaderBackground { get; set; } = Colors.LightGrey;

    public Color HeaderRule { get; set; } = Colors.Black;

    public Color? RowRule { get; set; } = Colors.MidGrey;

    public Color? Zebra { get; set; }

    public Color TotalRule { get; set; } = Colors.Black;
}

/// <summary>
/// A table: columns of fixed or relative width, a header row repeated at the top of every page, body
/// rows that are never split between pages (a row moves whole to the next page, unless it is taller
/// than a page, when it splits), optional zebra stripes and a total row after the last row.
/// </summary>
internal sealed class Table : Element
{
    private int next;
    private bool headerOnlyDrawn;

    public List<TableColumn> Columns { get; } = [];

    public TableRow? Header { get; set; }

    public List<TableRow> Rows { get; } = [];

    public TableRow? Total { get; set; }

    public TableStyle Style { get; } = new();

    public override IEnumerable<Element> Children =>
        new[] { Header }.Concat(Rows).Append(Total).OfType<TableRow>().SelectMany(r => r.Cells);

    public override void ResetState()
    {
        next = 0;
        headerOnlyDrawn = false;
    }

    /// <summary>Checks the shape and gives text cells their column's alignment; called once the table is composed.</summary>
    public void Complete()
    {
        if (Columns.Count == 0)
        {
            throw new InvalidOperationException("A table needs at least one column: call Columns(...) first.");
        }

        foreach (var row in new[] { Header }.Concat(Rows).Append(Total).OfType<TableRow>())
        {
            if (row.Cells.Count > Columns.Count)
            {
                throw new InvalidOperationException($"A table row has {row.Cells.Count} cells but the table has {Columns.Count} columns.");
            }

            while (row.Cells.Count < Columns.Count)
            {
                row.Cells.Add(new Slot());
            }

            for (var i = 0; i < row.Cells.Count; i++)
            {
                if (row.Cells[i] is Slot { Child: TextBlock { Alignment: null } text })
                {
                    text.Alignment = Columns[i].Alignment;
                }
            }
        }
    }

    public override SpacePlan Measure(Size available, LayoutContext context) => Walk(available, context, draw: false);

    public override void Draw(Size available, LayoutContext context) => Walk(available, context, draw: true);

    private List<TableRow> AllRows => Total is null ? Rows : [.. Rows, Total];

    private SpacePlan Walk(Size available, LayoutContext context, bool draw)
    {
        var rows = AllRows;
        var widths = WidthSpec.Distribute(Columns.Select(c => c.Width).ToList(), available.Width, 0);
        var headerHeight = Header is null ? 0f : RowHeight(Header, widths, float.PositiveInfinity, context);
        if (rows.Count == 0)
        {
            return HeaderOnly(available, context, draw, widths, headerHeight);
        }

        if (next >= rows.Count)
        {
            return SpacePlan.Empty;
        }

        if (!Fits(headerHeight, available.Height))
        {
            return SpacePlan.Wrap;
        }

        var rules = new List<(float Y, Color Color, float Width)>();
        var y = headerHeight;
        var index = next;
        var placed = 0;
        var result = default(SpacePlan?);
        while (index < rows.Count)
        {
            var row = rows[index];
            var height = RowHeight(row, widths, float.PositiveInfinity, context);
            if (Fits(y + height, available.Height))
            {
                if (draw)
                {
                    DrawRow(row, index, widths, y, height, placed, rules, context);
                }

                y += height;
                placed++;
                index++;
                continue;
            }

            if (placed == 0 && !Fits(headerHeight + height, context.PageContentHeight))
            {
                // Taller than any page: this row alone splits, filling the rest of this page.
                var room = available.Height - y;
                var partHeight = RowHeight(row, widths, room, context);
                if (partHeight <= 0)
                {
                    return SpacePlan.Wrap;
                }

                if (draw)
                {
                    DrawRow(row, index, widths, y, room, placed, rules, context);
                    if (RowHeight(row, widths, float.PositiveInfinity, context) <= 0)
                    {
                        index++;
                    }
                }

                y += partHeight;
                result = SpacePlan.Partial(available.Width, y);
            }

            break;
        }

        if (result is null && placed == 0)
        {
            return SpacePlan.Wrap;
        }

        result ??= index == rows.Count ? SpacePlan.Full(available.Width, y) : SpacePlan.Partial(available.Width, y);
        if (draw)
        {
            if (Header is not null)
            {
                DrawHeader(widths, headerHeight, context);
                rules.Add((headerHeight, Style.HeaderRule, 1f));
            }

            foreach (var (ruleY, color, width) in rules)
            {
                context.Canvas.DrawLine(new Point(0, ruleY), new Point(available.Width, ruleY), color, width);
            }

            next = index;
        }

        return result.Value;
    }

    private SpacePlan HeaderOnly(Size available, LayoutContext context, bool draw, float[] widths, float headerHeight)
    {
        if (headerOnlyDrawn || Header is null)
        {
            return SpacePlan.Empty;
        }

        if (!Fits(headerHeight, available.Height))
        {
            return SpacePlan.Wrap;
        }

        if (draw)
        {
            DrawHeader(widths, headerHeight, context);
            context.Canvas.DrawLine(new Point(0, headerHeight), new Point(available.Width, headerHeight), Style.HeaderRule, 1f);
            headerOnlyDrawn = true;
        }

        return SpacePlan.Full(available.Width, headerHeight);
    }

    private void DrawHeader(float[] widths, float height, LayoutContext context)
    {
        if (Style.HeaderBackground is { } background)
        {
            context.Canvas.FillRect(new Rect(0, 0, widths.Sum(), height), background);
        }

        DrawCells(Header!, widths, 0, height, context);

        // The header is drawn again on the next page.
        foreach (var cell in Header!.Cells)
        {
            cell.ResetTree();
        }
    }

    private void DrawRow(TableRow row, int index, float[] widths, float y, float height, int placedOnPage, List<(float, Color, float)> rules, LayoutContext context)
    {
        if (row.IsTotal)
        {
            rules.Add((y, Style.TotalRule, 1f));
        }
        else
        {
            if (Style.Zebra is { } zebra && index % 2 == 1)
            {
                context.Canvas.FillRect(new Rect(0, y, widths.Sum(), height), zebra);
            }

            if (Style.RowRule is { } rule && placedOnPage > 0)
            {
                rules.Add((y, rule, 0.5f));
            }
        }

        DrawCells(row, widths, y, height, context);
    }

    private void DrawCells(TableRow row, float[] widths, float y, float height, LayoutContext context)
    {
        var x = 0f;
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var cell = row.Cells[i];
            var inner = new Size(widths[i] - (2 * Style.CellPaddingX), height - (2 * Style.CellPaddingY));
            if (cell.Measure(inner, context).DrawsSomething)
            {
                context.DrawAt(x + Style.CellPaddingX, y + Style.CellPaddingY, () => cell.Draw(inner, context));
            }

            x += widths[i];
        }
    }

    /// <summary>The height a row needs (its tallest cell plus padding), or 0 when nothing of it fits or is left.</summary>
    private float RowHeight(TableRow row, float[] widths, float available, LayoutContext context)
    {
        var tallest = 0f;
        var any = false;
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var plan = row.Cells[i].Measure(
                new Size(widths[i] - (2 * Style.CellPaddingX), available - (2 * Style.CellPaddingY)), context);
            if (plan.DrawsSomething)
            {
                tallest = Math.Max(tallest, plan.Height);
                any = true;
            }
        }

        return any ? tallest + (2 * Style.CellPaddingY) : 0f;
    }
}
