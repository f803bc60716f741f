using System.Text.RegularExpressions;
using Ledger.Reports.Pdf;
using Ledger.Reports.Tests.Support;

namespace Ledger.Reports.Tests;

/// <summary>A 300-row table over many pages: header repeated, rows whole and in order, pages full.</summary>
public partial class TablePaginationTests
{
    private const int Rows = 300;
    private static readonly string[] HeaderCells = ["Line", "Description", "Provider", "Amount"];

    [Fact]
    public void A_300_row_table_repeats_its_header_row_at_the_top_of_every_page()
    {
        var canvas = Layout.Render(Samples.LongTable(Rows));

        canvas.PageCount.Should().BeGreaterThan(1);
        var headerBaselines = new List<float>();
        for (var page = 1; page <= canvas.PageCount; page++)
        {
            var cells = TableTexts(canvas, page);
            cells.Take(4).Select(t => t.Text).Should().Equal(HeaderCells, $"page {page} starts with the header row");
            cells.Take(4).Should().OnlyContain(t => t.Style.Weight == FontWeight.Bold);
            headerBaselines.Add(cells[0].Baseline.Y);
        }

        headerBaselines.Distinct().Should().ContainSingle("the header sits at the same place on every page");
    }

    [Fact]
    public void A_300_row_table_draws_every_row_once_in_order_with_each_row_on_one_page()
    {
        var canvas = Layout.Render(Samples.LongTable(Rows));

        var rows = canvas.Texts()
            .Where(t => LineNumber().IsMatch(t.Text))
            .Select(t => (Number: int.Parse(t.Text[1..], System.Globalization.CultureInfo.InvariantCulture), t.Page, t.Baseline.Y))
            .ToList();
        rows.Select(r => r.Number).Should().Equal(Enumerable.Range(1, Rows), "every row once, in order");

        foreach (var (number, page, y) in rows)
        {
            // The row's other cells (description, provider, amount) sit on the same page and baseline.
            var amount = Samples.Pounds(number * 1234L);
            canvas.Texts().Should().Contain(t => t.Page == page && t.Text == amount && t.Baseline.Y == y, $"row {number} is not split");
        }
    }

    [Fact]
    public void A_300_row_table_fills_each_page_with_as_many_rows_as_fit()
    {
        // A4 less 15 mm margins top and bottom, the 14 pt page header (17.5 pt) and its 12 pt gap,
        // the footer (4 pt padding + 8 pt text = 14 pt) and its 12 pt gap.
        var content = PageSizes.A4.Height - (2 * Unit.Millimetres(15)) - 17.5f - 12 - 14 - 12;
        const float rowHeight = 12.5f + 6; // 10 pt text at 1.25 line height, 3 pt padding above and below
        var rowsPerPage = (int)Math.Floor((content - rowHeight) / rowHeight);
        var expectedPages = (int)Math.Ceiling((Rows + 1) / (double)rowsPerPage); // + the total row

        var canvas = Layout.Render(Samples.LongTable(Rows));

        canvas.PageCount.Should().Be(expectedPages);
        for (var page = 1; page < canvas.PageCount; page++)
        {
            canvas.TextOn(page).Count(t => LineNumber().IsMatch(t.Text)).Should().Be(rowsPerPage, $"page {page} is full");
        }

        canvas.TextOn(canvas.PageCount).Should().Contain(t => t.Text == "Total", "the total row follows the last row");
    }

    [Fact]
    public void Rows_of_different_heights_move_whole_to_the_next_page()
    {
        var canvas = Layout.Render(new Size(200, 300), c => c.Table(t =>
        {
            t.Columns(cols => cols.Fixed(40).Relative());
            t.Header(h =>
            {
                h.Cell("No");
                h.Cell("Note");
            });
            for (var i = 1; i <= 40; i++)
            {
                var n = i;
                t.Row(r =>
                {
                    r.Cell($"R{n}");
                    r.Cell(string.Join(' ', Enumerable.Repeat("word", n % 5 * 4)) + $" end{n}");
                });
            }
        }));

        canvas.PageCount.Should().BeGreaterThan(2);
        for (var n = 1; n <= 40; n++)
        {
            var first = canvas.Texts().Single(t => t.Text == $"R{n}");
            var last = canvas.Texts().Single(t => t.Text.EndsWith($"end{n}", StringComparison.Ordinal));
            last.Page.Should().Be(first.Page, $"row {n} starts and ends on one page");
        }
    }

    [Fact]
    public void A_row_taller_than_a_page_splits_between_pages_instead_of_failing()
    {
        var tall = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"line {i}"));
        var canvas = Layout.Render(new Size(200, 200), c => c.Table(t =>
        {
            t.Columns(cols => cols.Relative());
            t.Header(h => h.Cell("Header"));
            t.Row(r => r.Cell("short"));
            t.Row(r => r.Cell(tall));
        }));

        canvas.Texts().Where(t => t.Text.StartsWith("line ", StringComparison.Ordinal)).Select(t => t.Text)
            .Should().Equal(Enumerable.Range(1, 40).Select(i => $"line {i}"));
        canvas.PageCount.Should().BeGreaterThan(2);
        Enumerable.Range(1, canvas.PageCount).Should().OnlyContain(p => canvas.TextOn(p).Any(t => t.Text == "Header"));
    }

    [Fact]
    public void Money_columns_are_right_aligned_to_the_column_edge()
    {
        var canvas = Layout.Render(Samples.LongTable(12));
        var measurer = EmbeddedFontMeasurer.Instance;

        var amounts = canvas.Texts().Where(t => t.Text.StartsWith('£')).ToList();
        var rightEdges = amounts.Select(t => t.Baseline.X + measurer.MeasureWidth(t.Text, t.Style)).ToList();
        rightEdges.Max().Should().BeApproximately(rightEdges.Min(), 0.01f);
        amounts.Select(t => t.Baseline.X).Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public void Zebra_stripes_fill_every_other_row()
    {
        var canvas = Layout.Render(Samples.LongTable(10));

        canvas.Commands.OfType<RectDrawn>().Count(r => r.Filled && r.Color == Colors.LightGrey)
            .Should().Be(1 + 5, "the header's fill and rows 2, 4, 6, 8 and 10");
    }

    [Fact]
    public void The_footer_on_every_page_of_the_table_says_page_X_of_Y()
    {
        var pdf = Samples.LongTable(Rows).GeneratePdf();

        var pages = Pdfs.PageWords(pdf);
        pages.Count.Should().BeGreaterThan(1);
        for (var i = 0; i < pages.Count; i++)
        {
            string.Join(' ', pages[i]).Should().EndWith($"Page {i + 1} of {pages.Count}");
            pages[i].Take(HeaderCells.Length + 3).Should().ContainInOrder(HeaderCells);
        }
    }

    private static List<TextDrawn> TableTexts(RecordingCanvas canvas, int page) =>
        canvas.TextOn(page).SkipWhile(t => t.Text != "Line").ToList();

    [GeneratedRegex(@"^L\d{3}$")]
    private static partial Regex LineNumber();
}
