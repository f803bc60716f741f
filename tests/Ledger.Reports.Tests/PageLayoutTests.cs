using Ledger.Reports.Pdf;
using Ledger.Reports.Tests.Support;

namespace Ledger.Reports.Tests;

/// <summary>The page loop: header, footer, margins, page numbers, breaks and keeping things together.</summary>
public class PageLayoutTests
{
    private static readonly MonospaceMeasurer Mono = new();

    [Fact]
    public void Every_page_of_the_PDF_says_page_X_of_Y_in_its_footer()
    {
        var pdf = Document.Create(Samples.Metadata())
            .Page(p => p
                .Content(c => c.Column(col =>
                {
                    for (var i = 1; i <= 5; i++)
                    {
                        col.Item().Text($"Section {i}");
                        if (i < 5)
                        {
                            col.Item().PageBreak();
                        }
                    }
                }))
                .PageNumberFooter())
            .GeneratePdf();

        var pages = Pdfs.PageTexts(pdf);
        pages.Should().HaveCount(5);
        pages.Select((text, i) => text.EndsWith($"Page {i + 1} of 5", StringComparison.Ordinal)).Should().OnlyContain(ok => ok);
    }

    [Fact]
    public void Sections_start_on_a_new_page_and_continue_the_page_numbers()
    {
        var canvas = Layout.Render(Document.Create(Layout.Meta)
            .Page(p => p.Content(c => c.Text("first section")).PageNumberFooter())
            .Page(p => p.Size(PageSizes.A4Landscape).Content(c => c.Text("second section")).PageNumberFooter()));

        canvas.PageCount.Should().Be(2);
        canvas.Commands.OfType<PageStarted>().Select(p => p.Size).Should().Equal(PageSizes.A4, PageSizes.A4Landscape);
        string.Concat(canvas.TextOn(2).Select(t => t.Text)).Should().Contain("Page 2 of 2");
    }

    [Fact]
    public void Header_and_footer_are_drawn_on_every_page_inside_the_margins()
    {
        var canvas = new RecordingCanvas();
        Document.Create(Layout.Meta)
            .Page(p => p
                .Size(new Size(200, 200))
                .Margin(10)
                .Header(h => h.Text("HEADER"), spacing: 5)
                .Content(c => c.Text(string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}"))))
                .Footer(f => f.Text("FOOTER"), spacing: 5))
            .Render(canvas, Mono);

        canvas.PageCount.Should().BeGreaterThan(2);
        for (var page = 1; page <= canvas.PageCount; page++)
        {
            var texts = canvas.TextOn(page);
            texts[0].Should().Match<TextDrawn>(t => t.Text == "HEADER" && t.Baseline.X == 10);
            texts[^1].Text.Should().Be("FOOTER");
            texts[^1].Baseline.Y.Should().BeGreaterThan(texts[^2].Baseline.Y);
            texts.Max(t => t.Baseline.Y).Should().BeLessThanOrEqualTo(190);
        }
    }

    [Fact]
    public void Content_after_a_page_break_starts_on_the_next_page()
    {
        var canvas = Layout.Render(new Size(200, 200), c => c.Column(col =>
        {
            col.Item().Text("before");
            col.Item().PageBreak();
            col.Item().Text("after");
        }), Mono);

        canvas.TextOn(1).Select(t => t.Text).Should().Equal("before");
        canvas.TextOn(2).Select(t => t.Text).Should().Equal("after");
        canvas.TextOn(2)[0].Baseline.Y.Should().Be(canvas.TextOn(1)[0].Baseline.Y, "it starts at the top");
    }

    [Fact]
    public void Column_spacing_separates_items_but_is_not_added_at_the_top_of_a_page()
    {
        // Lines are 12.5 pt; with 10 pt spacing, three items take 12.5 + 22.5 + 22.5 = 57.5 pt.
        var canvas = Layout.Render(new Size(100, 60), c => c.Column(col =>
        {
            col.Spacing(10);
            for (var i = 1; i <= 4; i++)
            {
                col.Item().Text($"item {i}");
            }
        }), Mono);

        canvas.TextOn(1).Select(t => t.Text).Should().Equal("item 1", "item 2", "item 3");
        canvas.TextOn(2).Single().Baseline.Y.Should().Be(canvas.TextOn(1)[0].Baseline.Y);
    }

    [Fact]
    public void Keep_together_moves_a_block_to_the_next_page_rather_than_split_it()
    {
        // 90 pt holds seven lines: five, then two of the three kept together.
        var canvas = Layout.Render(new Size(100, 90), c => c.Column(col =>
        {
            col.Item().Text("one\ntwo\nthree\nfour\nfive");
            col.Item().KeepTogether().Text("heading\nfirst\nsecond");
        }), Mono);

        canvas.TextOn(1).Select(t => t.Text).Should().Equal("one", "two", "three", "four", "five");
        canvas.TextOn(2).Select(t => t.Text).Should().Equal("heading", "first", "second");
    }

    [Fact]
    public void A_row_places_fixed_and_relative_items_side_by_side()
    {
        var canvas = Layout.Render(new Size(300, 100), c => c.Row(r =>
        {
            r.Spacing(10);
            r.FixedItem(80).Text("fixed");
            r.RelativeItem(1).Text("one");
            r.RelativeItem(2).Text("two");
        }), Mono);

        // 300 - 80 - 2 × 10 = 200 shared 1:2.
        canvas.Texts().Select(t => t.Baseline.X).Should().Equal(0f, 90f, 90f + 66.666664f + 10);
    }

    [Fact]
    public void Padding_background_and_border_surround_the_content()
    {
        var canvas = Layout.Render(new Size(200, 100), c => c.Background(Colors.LightGrey).Border(1, Colors.Black).Padding(10).Text("boxed"), Mono);

        var fill = canvas.Commands.OfType<RectDrawn>().Single();
        fill.Rect.Should().Be(new Rect(0, 0, 200, 32.5f));
        canvas.Commands.OfType<LineDrawn>().Should().HaveCount(4);
        canvas.Texts().Single().Baseline.X.Should().Be(10);
    }

    [Fact]
    public void Something_larger_than_any_page_fails_with_a_clear_layout_error()
    {
        var render = () => Layout.Render(new Size(200, 100), c => c.BarChart(b => b.Height(500).Bar("A", 1)));

        render.Should().Throw<LayoutException>().WithMessage("Content on page 1 does not fit on an empty page*");
    }

    [Fact]
    public void A_container_takes_one_element_and_says_so_when_given_two()
    {
        var compose = () => Document.Create(Layout.Meta).Page(p => p.Content(c =>
        {
            c.Text("one");
            c.Text("two");
        }));

        compose.Should().Throw<InvalidOperationException>().WithMessage("*already holds an element*");
    }

    [Fact]
    public void An_empty_document_body_still_gives_one_page_with_its_header_and_footer()
    {
        var canvas = Layout.Render(Document.Create(Layout.Meta).Page(p => p.Header(h => h.Text("Nothing this month")).PageNumberFooter()));

        canvas.PageCount.Should().Be(1);
        canvas.Texts().Select(t => t.Text).Should().Contain("Nothing this month");
    }
}
