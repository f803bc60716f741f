using System.Diagnostics;
using Ledger.Reports.Pdf;
using Ledger.Reports.Tests.Support;
using NodaTime;
using UglyToad.PdfPig;

namespace Ledger.Reports.Tests;

/// <summary>The bytes: reproducible, small, valid, with the metadata given.</summary>
public class PdfOutputTests
{
    [Fact]
    public void The_same_input_gives_byte_identical_files()
    {
        var first = Samples.Statement().GeneratePdf();
        var second = Samples.Statement().GeneratePdf();

        second.Should().Equal(first);
    }

    [Fact]
    public void Rendering_one_document_twice_gives_the_same_bytes()
    {
        var document = Samples.LongTable(80);

        document.GeneratePdf().Should().Equal(document.GeneratePdf());
    }

    [Fact]
    public void A_different_creation_date_is_the_only_thing_that_changes_the_metadata()
    {
        var april = Samples.Statement().GeneratePdf();
        var may = Document.Create(Samples.Metadata() with { Created = Instant.FromUtc(2026, 5, 31, 23, 0), Modified = Instant.FromUtc(2026, 5, 31, 23, 0) })
            .Page(p => p.Content(c => c.Text("x"))).GeneratePdf();

        using var document = PdfDocument.Open(may);
        document.Information.CreationDate.Should().Be("D:20260531230000+00'00'");
        april.Should().NotEqual(may);
    }

    [Fact]
    public void A_two_page_statement_with_both_font_weights_is_under_60_KB()
    {
        var pdf = Samples.Statement().GeneratePdf();

        Pdfs.PageTexts(pdf).Should().HaveCount(2);
        pdf.Length.Should().BeLessThan(60 * 1024);
    }

    [Fact]
    public void The_fonts_are_embedded_subsets_not_the_whole_DejaVu_Sans()
    {
        var pdf = Samples.Statement().GeneratePdf();

        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();
        fonts.Should().HaveCount(2).And.OnlyContain(f => f.Contains("DejaVuSans", StringComparison.Ordinal));
        pdf.Length.Should().BeLessThan(300_000, "whole DejaVu Sans fonts would make it about 750 KB");
    }

    [Fact]
    public void Title_author_subject_and_the_fixed_dates_are_in_the_file()
    {
        var pdf = Samples.Statement().GeneratePdf();

        using var document = PdfDocument.Open(pdf);
        var info = document.Information;
        info.Title.Should().Be("Individual budget statement, April 2026");
        info.Author.Should().Be("Devon County Council – Children's Services");
        info.Subject.Should().Be("Budget statement for April 2026");
        info.Creator.Should().Be("Ledger");
        info.CreationDate.Should().Be("D:20260430230000+00'00'");
        info.ModifiedDate.Should().Be("D:20260430230000+00'00'");
    }

    [Fact]
    public void The_pages_are_A4_portrait()
    {
        var pdf = Samples.Statement().GeneratePdf();

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        page.Width.Should().BeApproximately(595.28, 0.5);
        page.Height.Should().BeApproximately(841.89, 0.5);
    }

    [Theory]
    [InlineData("statement")]
    [InlineData("long table")]
    [InlineData("charts and image")]
    public void Qpdf_finds_no_errors(string which)
    {
        var pdf = which switch
        {
            "statement" => Samples.Statement().GeneratePdf(),
            "long table" => Samples.LongTable(300).GeneratePdf(),
            _ => ChartTests.ChartsAndImage().GeneratePdf(),
        };

        var (exitCode, output) = Pdfs.QpdfCheck(pdf);

        exitCode.Should().Be(0, output);
        output.Should().Contain("No syntax or stream encoding errors");
    }

    [Fact]
    public void A_300_row_table_renders_in_seconds_not_minutes()
    {
        Samples.LongTable(50).GeneratePdf(); // load fonts and warm up

        var clock = Stopwatch.StartNew();
        var pdf = Samples.LongTable(300).GeneratePdf();
        clock.Stop();

        pdf.Length.Should().BeGreaterThan(0);
        // About 0.1 s on an idle 2-core machine; the bound leaves room for a busy CI run.
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a month-end run renders thousands of these");
    }
}
