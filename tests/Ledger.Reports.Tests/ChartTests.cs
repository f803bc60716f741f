using System.Globalization;
using Ledger.Reports.Pdf;
using Ledger.Reports.Pdf.Elements;
using Ledger.Reports.Tests.Support;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Ledger.Reports.Tests;

/// <summary>Charts are vector shapes: rectangles, lines and paths, never bitmaps.</summary>
public class ChartTests
{
    public static Document ChartsAndImage() =>
        Document.Create(Samples.Metadata("Charts"))
            .Page(p => p
                .Content(c => c.Column(col =>
                {
                    col.Spacing(12);
                    col.Item().Text("Spend by sector").FontSize(13).Bold();
                    col.Item().BarChart(b => b
                        .Bar("Voluntary", 12_400).Bar("Private", 8_250).Bar("Public", 3_100).Bar("Individual", 1_900).Bar("Clawback", -650, Colors.Red)
                        .AxisFormat(Pounds)
                        .ValueLabels(Pounds));
                    col.Item().Text("Planned and actual outcome payments").FontSize(13).Bold();
                    col.Item().LineChart(l => l
                        .Categories("Q1", "Q2", "Q3", "Q4")
                        .Series("Planned", [4000, 6000, 8000, 9000])
                        .Series("Actual", [3500, 6400, 7100, 9800])
                        .AxisFormat(Pounds));
                    col.Item().Text("Logo").FontSize(8);
                    col.Item().Image(SmallPng(40, 20), width: 80);
                }))
                .PageNumberFooter("Pilot report"));

    [Fact]
    public void A_bar_chart_draws_one_filled_rectangle_per_bar_and_its_axes_as_lines()
    {
        var canvas = Layout.Render(new Size(400, 300), c => c.BarChart(b => b.Bar("A", 10).Bar("B", 20).Bar("C", 5)));

        canvas.Commands.OfType<RectDrawn>().Where(r => r.Filled && r.Color == Colors.Blue).Should().HaveCount(3);
        canvas.Commands.OfType<LineDrawn>().Should().NotBeEmpty();
        canvas.Commands.OfType<ImageDrawn>().Should().BeEmpty();
        canvas.Texts().Select(t => t.Text).Should().Contain(["A", "B", "C", "0", "20"]);
    }

    [Fact]
    public void Bar_heights_are_proportional_to_their_values_and_share_a_baseline()
    {
        var canvas = Layout.Render(new Size(400, 300), c => c.BarChart(b => b.Bar("A", 10).Bar("B", 20).Bar("C", 5)));

        var bars = canvas.Commands.OfType<RectDrawn>().Where(r => r.Filled && r.Color == Colors.Blue).Select(r => r.Rect).ToList();
        (bars[1].Height / bars[0].Height).Should().BeApproximately(2f, 0.001f);
        (bars[2].Height / bars[0].Height).Should().BeApproximately(0.5f, 0.001f);
        bars.Select(b => b.Bottom).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void A_negative_bar_hangs_below_the_zero_line()
    {
        var canvas = Layout.Render(new Size(400, 300), c => c.BarChart(b => b.Bar("Paid", 400).Bar("Clawback", -100)));

        var bars = canvas.Commands.OfType<RectDrawn>().Where(r => r.Filled && r.Color == Colors.Blue).Select(r => r.Rect).ToList();
        bars[1].Y.Should().BeApproximately(bars[0].Bottom, 0.001f, "the negative bar starts at zero, where the positive one ends");
        (bars[0].Height / bars[1].Height).Should().BeApproximately(4f, 0.001f);
    }

    [Fact]
    public void A_line_chart_draws_each_series_as_one_path_through_its_points_with_markers()
    {
        var canvas = Layout.Render(new Size(400, 300), c => c.LineChart(l => l
            .Categories("Q1", "Q2", "Q3")
            .Series("Planned", [1, 2, 3], Colors.Blue)
            .Series("Actual", [1, 3, 2], Colors.Orange)));

        var paths = canvas.Commands.OfType<PolylineDrawn>().ToList();
        paths.Should().HaveCount(2);
        paths.Should().OnlyContain(p => p.Points.Count == 3);
        paths[0].Points.Select(p => p.Y).Should().BeInDescendingOrder("rising values go up the page");
        canvas.Commands.OfType<CircleDrawn>().Should().HaveCount(6);
        canvas.Texts().Select(t => t.Text).Should().Contain(["Planned", "Actual", "Q1", "Q2", "Q3"]);
        canvas.Commands.OfType<ImageDrawn>().Should().BeEmpty();
    }

    [Fact]
    public void Charts_in_the_PDF_are_vector_paths_and_only_the_real_image_is_an_image()
    {
        var pdf = ChartsAndImage().GeneratePdf();

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        page.GetImages().Should().ContainSingle("the PNG logo is the only image; the charts are paths");
        page.Paths.Should().HaveCountGreaterThan(20);
        page.Text.Should().Contain("Voluntary").And.Contain("Planned").And.Contain("−£650");
    }

    [Theory]
    [InlineData(new[] { 0.0, 842.5 }, 0, 1000, 200)]
    [InlineData(new[] { 3.0, 7.0 }, 0, 8, 2)]
    [InlineData(new[] { -650.0, 12400.0 }, -2500, 12500, 2500)]
    [InlineData(new double[0], 0, 1, 0.2)]
    public void The_value_axis_covers_zero_and_the_data_in_round_steps(double[] values, double min, double max, double step)
    {
        var axis = ValueAxis.For(values);

        axis.Min.Should().BeApproximately(min, 1e-9);
        axis.Max.Should().BeApproximately(max, 1e-9);
        axis.Step.Should().BeApproximately(step, 1e-9);
    }

    [Fact]
    public void An_image_is_scaled_to_the_width_given_keeping_its_shape()
    {
        var canvas = Layout.Render(new Size(400, 300), c => c.Image(SmallPng(40, 20), width: 100, alignment: TextAlignment.Center));

        var image = canvas.Commands.OfType<ImageDrawn>().Single();
        image.Rect.Should().Be(new Rect(150, 0, 100, 50));
    }

    [Fact]
    public void Bytes_that_are_not_a_PNG_are_refused_when_composed()
    {
        var compose = () => Document.Create(Layout.Meta).Page(p => p.Content(c => c.Image("GIF89a not a png"u8)));

        compose.Should().Throw<ArgumentException>().WithMessage("*not a PNG*");
    }

    private static string Pounds(double value) =>
        (value < 0 ? "−£" : "£") + Math.Abs(value).ToString("#,0", CultureInfo.InvariantCulture);

    internal static byte[] SmallPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x1d, 0x70, 0xb8));
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
