using Ledger.Reports.Pdf.Elements;

namespace Ledger.Reports.Pdf;

/// <summary>Adds items to a vertical stack.</summary>
public sealed class ColumnDescriptor
{
    private readonly Column column;

    internal ColumnDescriptor(Column column) => this.column = column;

    /// <summary>Space between neighbouring items (not at the top of a page).</summary>
    /// <param name="points">Points.</param>
    /// <returns>This descriptor.</returns>
    public ColumnDescriptor Spacing(float points)
    {
        column.Spacing = Check.NotNegative(points, nameof(points));
        return this;
    }

    /// <summary>Adds an item below the previous ones.</summary>
    /// <returns>The item's container.</returns>
    public Container Item()
    {
        var item = new Container();
        column.Add(item.Slot);
        return item;
    }
}

/// <summary>Adds items side by side.</summary>
public sealed class RowDescriptor
{
    private readonly Row row;

    internal RowDescriptor(Row row) => this.row = row;

    /// <summary>Space between neighbouring items.</summary>
    /// <param name="points">Points.</param>
    /// <returns>This descriptor.</returns>
    public RowDescriptor Spacing(float points)
    {
        row.Spacing = Check.NotNegative(points, nameof(points));
        return this;
    }

    /// <summary>An item of a fixed width.</summary>
    /// <param name="width">Points.</param>
    /// <returns>The item's container.</returns>
    public Container FixedItem(float width) => Add(new WidthSpec(true, Check.Positive(width, nameof(width))));

    /// <summary>An item sharing the width left by fixed items, in proportion to its weight.</summary>
    /// <param name="weight">Its share; 1 by default.</param>
    /// <returns>The item's container.</returns>
    public Container RelativeItem(float weight = 1) => Add(new WidthSpec(false, Check.Positive(weight, nameof(weight))));

    private Container Add(WidthSpec width)
    {
        var item = new Container();
        row.Add(width, item.Slot);
        return item;
    }
}

/// <summary>Defines a table: columns, header, rows, total and look.</summary>
public sealed class TableDescriptor
{
    private readonly Table table;

    internal TableDescriptor(Table table) => this.table = table;

    /// <summary>Defines the columns, left to right.</summary>
    /// <param name="define">Adds the columns.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor Columns(Action<TableColumnsDescriptor> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        define(new TableColumnsDescriptor(table));
        return this;
    }

    /// <summary>The header row, bold, repeated at the top of every page the table spans.</summary>
    /// <param name="compose">Adds the header cells.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor Header(Action<TableRowDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        table.Header = new TableRow(isTotal: false);
        compose(new TableRowDescriptor(table.Header, FontWeight.Bold));
        return this;
    }

    /// <summary>Adds a body row. Rows are never split between pages.</summary>
    /// <param name="compose">Adds the row's cells, one per column.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor Row(Action<TableRowDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var row = new TableRow(isTotal: false);
        table.Rows.Add(row);
        compose(new TableRowDescriptor(row, null));
        return this;
    }

    /// <summary>A bold total row after the last body row, with a rule above it.</summary>
    /// <param name="compose">Adds the total row's cells.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor TotalRow(Action<TableRowDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        table.Total = new TableRow(isTotal: true);
        compose(new TableRowDescriptor(table.Total, FontWeight.Bold));
        return this;
    }

    /// <summary>Stripes alternate body rows instead of ruling them.</summary>
    /// <param name="color">Stripe colour; light grey if not given.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor Zebra(Color? color = null)
    {
        table.Style.Zebra = color ?? Colors.LightGrey;
        table.Style.RowRule = null;
        return this;
    }

    /// <summary>The header row's fill; null for none.</summary>
    /// <param name="color">The fill.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor HeaderBackground(Color? color)
    {
        table.Style.HeaderBackground = color;
        return this;
    }

    /// <summary>Space inside every cell.</summary>
    /// <param name="horizontal">Left and right, in points.</param>
    /// <param name="vertical">Top and bottom, in points.</param>
    /// <returns>This descriptor.</returns>
    public TableDescriptor CellPadding(float horizontal, float vertical)
    {
        table.Style.CellPaddingX = Check.NotNegative(horizontal, nameof(horizontal));
        table.Style.CellPaddingY = Check.NotNegative(vertical, nameof(vertical));
        return this;
    }
}

/// <summary>Adds table columns.</summary>
public sealed class TableColumnsDescriptor
{
    private readonly Table table;

    internal TableColumnsDescriptor(Table table) => this.table = table;

    /// <summary>A column of fixed width.</summary>
    /// <param name="width">Points.</param>
    /// <param name="alignment">Alignment of its text cells (right for money).</param>
    /// <returns>This descriptor.</returns>
    public TableColumnsDescriptor Fixed(float width, TextAlignment alignment = TextAlignment.Left)
    {
        table.Columns.Add(new TableColumn(new WidthSpec(true, Check.Positive(width, nameof(width))), alignment));
        return this;
    }

    /// <summary>A column sharing the width left by fixed columns, in proportion to its weight.</summary>
    /// <param name="weight">Its share.</param>
    /// <param name="alignment">Alignment of its text cells.</param>
    /// <returns>This descriptor.</returns>
    public TableColumnsDescriptor Relative(float weight = 1, TextAlignment alignment = TextAlignment.Left)
    {
        table.Columns.Add(new TableColumn(new WidthSpec(false, Check.Positive(weight, nameof(weight))), alignment));
        return this;
    }
}

/// <summary>Adds the cells of one table row, left to right.</summary>
public sealed class TableRowDescriptor
{
    private readonly TableRow row;
    private readonly FontWeight? weight;

    internal TableRowDescriptor(TableRow row, FontWeight? weight)
    {
        this.row = row;
        this.weight = weight;
    }

    /// <summary>A text cell, aligned as its column says.</summary>
    /// <param name="text">The text; it wraps within the column.</param>
    /// <returns>The cell text's style descriptor.</returns>
    public TextSpanDescriptor Cell(string text)
    {
        var cell = new Container();
        row.Cells.Add(cell.Slot);
        var span = cell.Text(text);
        return weight is { } w && w == FontWeight.Bold ? span.Bold() : span;
    }

    /// <summary>A cell with any content.</summary>
    /// <returns>The cell's container.</returns>
    public Container Cell()
    {
        var cell = new Container();
        row.Cells.Add(cell.Slot);
        return cell;
    }
}
