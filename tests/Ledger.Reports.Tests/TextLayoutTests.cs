using Ledger.Reports.Pdf;
using Ledger.Reports.Tests.Support;

namespace Ledger.Reports.Tests;

/// <summary>Wrapping, breaks, alignment and styles, with 5 pt-wide characters at 10 pt (lines 12.5 pt apart).</summary>
public class TextLayoutTests
{
    private static readonly MonospaceMeasurer Mono = new();

    [Fact]
    public void Text_wraps_at_the_last_space_that_fits_the_width()
    {
        // 50 pt holds 10 characters.
        var canvas = Layout.Render(new Size(50, 500), c => c.Text("aaaa bbbb cc dddddd e"), Mono);

        canvas.Texts().Select(t => t.Text).Should().Equal("aaaa bbbb", "cc dddddd", "e");
        canvas.Texts().Select(t => t.Baseline.Y).Should().BeInAscendingOrder();
        canvas.Texts().Should().OnlyContain(t => t.Baseline.X == 0);
    }

    [Fact]
    public void Wider_text_wraps_into_fewer_lines()
    {
        const string text = "one two three four five six seven eight nine ten";

        Layout.Render(new Size(60, 500), c => c.Text(text), Mono).Texts().Should().HaveCount(5);
        Layout.Render(new Size(120, 500), c => c.Text(text), Mono).Texts().Should().HaveCount(2);
        Layout.Render(new Size(500, 500), c => c.Text(text), Mono).Texts().Should().ContainSingle().Which.Text.Should().Be(text);
    }

    [Fact]
    public void Lines_are_one_line_height_apart()
    {
        var canvas = Layout.Render(new Size(50, 500), c => c.Text("aaaa bbbb cccc dddd eeee"), Mono);

        var baselines = canvas.Texts().Select(t => t.Baseline.Y).ToList();
        (baselines[1] - baselines[0]).Should().BeApproximately(12.5f, 0.001f);
        (baselines[2] - baselines[1]).Should().BeApproximately(12.5f, 0.001f);
    }

    [Fact]
    public void A_word_longer_than_the_line_breaks_between_characters()
    {
        var canvas = Layout.Render(new Size(25, 500), c => c.Text("abcdefghijkl"), Mono);

        canvas.Texts().Select(t => t.Text).Should().Equal("abcde", "fghij", "kl");
    }

    [Fact]
    public void A_hard_line_break_starts_a_new_line_and_a_blank_line_keeps_its_height()
    {
        var canvas = Layout.Render(new Size(500, 500), c => c.Text("first\n\nthird"), Mono);

        var texts = canvas.Texts();
        texts.Select(t => t.Text).Should().Equal("first", "third");
        (texts[1].Baseline.Y - texts[0].Baseline.Y).Should().BeApproximately(25f, 0.001f);
    }

    [Fact]
    public void Right_aligned_lines_end_at_the_right_edge_and_centred_lines_sit_in_the_middle()
    {
        var right = Layout.Render(new Size(100, 500), c => c.Text("abc").AlignRight(), Mono).Texts().Single();
        var centred = Layout.Render(new Size(100, 500), c => c.Text("abcd").AlignCenter(), Mono).Texts().Single();

        right.Baseline.X.Should().BeApproximately(100 - 15, 0.001f);
        centred.Baseline.X.Should().BeApproximately(40, 0.001f);
    }

    [Fact]
    public void Bold_and_regular_spans_share_a_line_one_after_the_other()
    {
        var canvas = Layout.Render(new Size(500, 500), c => c.Text(t =>
        {
            t.Span("Remaining: ").Bold();
            t.Span("£12.00");
        }), Mono);

        var texts = canvas.Texts();
        texts.Should().HaveCount(2);
        texts[0].Should().Match<TextDrawn>(t => t.Text == "Remaining: " && t.Style.Weight == FontWeight.Bold);
        texts[1].Should().Match<TextDrawn>(t => t.Text == "£12.00" && t.Style.Weight == FontWeight.Regular);
        texts[1].Baseline.X.Should().BeApproximately(55, 0.001f);
        texts[1].Baseline.Y.Should().Be(texts[0].Baseline.Y);
    }

    [Fact]
    public void Size_and_colour_come_from_the_span_then_the_page_default()
    {
        var canvas = new RecordingCanvas();
        Document.Create(Layout.Meta).Page(p => p
            .Margin(0)
            .DefaultTextStyle(s => s.WithSize(9).WithColor(Colors.DarkGrey))
            .Content(c => c.Column(col =>
            {
                col.Item().Text("default");
                col.Item().Text("styled").FontSize(14).FontColor(Colors.Red);
            }))).Render(canvas, Mono);

        var texts = canvas.Texts();
        texts[0].Style.Should().Match<TextStyle>(s => s.Size == 9 && s.Color == Colors.DarkGrey);
        texts[1].Style.Should().Match<TextStyle>(s => s.Size == 14 && s.Color == Colors.Red);
    }

    [Fact]
    public void A_paragraph_too_long_for_the_page_continues_with_its_next_line_on_the_next_page()
    {
        // 100 pt holds 8 lines of 12.5 pt; 20 one-word lines take three pages.
        var words = string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i:00}"));
        var canvas = Layout.Render(new Size(20, 100), c => c.Text(words), Mono);

        canvas.PageCount.Should().Be(3);
        canvas.TextOn(1).Select(t => t.Text).Should().Equal(Enumerable.Range(1, 8).Select(i => $"w{i:00}"));
        canvas.TextOn(2)[0].Text.Should().Be("w09");
        canvas.TextOn(3).Select(t => t.Text).Should().Equal("w17", "w18", "w19", "w20");
    }

    [Fact]
    public void Characters_the_embedded_font_lacks_are_drawn_as_question_marks()
    {
        var canvas = Layout.Render(PageSizes.A4, c => c.Text("Zoë – 王 – Ω"));

        canvas.Texts().Single().Text.Should().Be("Zoë – ? – ?");
    }

    [Fact]
    public void Embedded_font_metrics_make_bold_text_wider_than_regular()
    {
        var measurer = EmbeddedFontMeasurer.Instance;
        var regular = TextStyle.Default;

        measurer.MeasureWidth("£1,234.56", regular.WithWeight(FontWeight.Bold))
            .Should().BeGreaterThan(measurer.MeasureWidth("£1,234.56", regular));
        measurer.MeasureWidth("abc", regular.WithSize(20))
            .Should().BeApproximately(2 * measurer.MeasureWidth("abc", regular), 0.01f);
    }
}
