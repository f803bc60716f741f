using Ledger.Reports.Pdf;
using Ledger.Reports.Tests.Support;

namespace Ledger.Reports.Tests;

/// <summary>What is drawn reads back exactly with PdfPig: the embedded subsets map glyphs back to Unicode.</summary>
public class TextReadBackTests
{
    private static byte[] Pdf(Action<Container> content) =>
        Document.Create(Samples.Metadata()).Page(p => p.Content(content)).GeneratePdf();

    [Theory]
    [InlineData("Paid £1,234.56 to the provider.")]
    [InlineData("Converted at €1 = £0.86 on the day.")]
    [InlineData("April – June 2026 — a quarter")]
    [InlineData("The panel said “approved” and ‘final’.")]
    [InlineData("• one … two")]
    [InlineData("Clawback −£400.00 (minus sign)")]
    [InlineData("Łukasz Dvořák, Şahin, Zoë, Ørsted, Ñuñez")]
    public void Text_with_money_signs_dashes_and_quotes_reads_back_exactly(string text)
    {
        var pdf = Pdf(c => c.Text(text));

        Pdfs.PageTexts(pdf).Single().Should().Be(text);
    }

    [Fact]
    public void Bold_and_regular_text_both_read_back()
    {
        var pdf = Pdf(c => c.Text(t =>
        {
            t.Span("Remaining balance: ").Bold();
            t.Span("£1,123.75");
        }));

        Pdfs.PageWords(pdf).Single().Should().Equal("Remaining", "balance:", "£1,123.75");
    }

    [Fact]
    public void Wrapped_text_reads_back_word_for_word()
    {
        var words = Enumerable.Range(1, 200).Select(i => $"word{i}").ToList();
        var pdf = Pdf(c => c.Padding(0, 0, 300, 0).Text(string.Join(' ', words)));

        Pdfs.PageWords(pdf).Single().Should().Equal(words);
    }
}
