using System.Globalization;
using Ledger.Reports.Pdf;
using NodaTime;

namespace Ledger.Reports.Tests.Support;

/// <summary>Documents shaped like the statements the engine is for.</summary>
internal static class Samples
{
    public static readonly Instant PeriodEnd = Instant.FromUtc(2026, 4, 30, 23, 0);

    public static DocumentMetadata Metadata(string title = "Individual budget statement, April 2026") =>
        new(title, "Devon County Council – Children's Services", "Budget statement for April 2026", PeriodEnd);

    public static string Pounds(long pence) =>
        (pence < 0 ? "−£" : "£") + (Math.Abs(pence) / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A table of <paramref name="rows"/> numbered lines under a repeated header.</summary>
    public static Document LongTable(int rows, bool zebra = true) =>
        Document.Create(Metadata("Long table"))
            .Page(p => p
                .Header(h => h.Text("Purchases, April 2026").FontSize(14).Bold())
                .Content(c => c.Table(t =>
                {
                    t.Columns(cols => cols.Fixed(60).Relative(3).Relative(2).Fixed(80, TextAlignment.Right));
                    t.Header(h =>
                    {
                        h.Cell("Line");
                        h.Cell("Description");
                        h.Cell("Provider");
                        h.Cell("Amount");
                    });
                    for (var i = 1; i <= rows; i++)
                    {
                        var n = i;
                        t.Row(r =>
                        {
                            r.Cell($"L{n:000}");
                            r.Cell(n % 7 == 0 ? "Short break, weekend" : "Respite care");
                            r.Cell("Tamar Short Breaks");
                            r.Cell(Pounds(n * 1234L));
                        });
                    }

                    if (zebra)
                    {
                        t.Zebra();
                    }

                    t.TotalRow(r =>
                    {
                        r.Cell("Total");
                        r.Cell("");
                        r.Cell("");
                        r.Cell(Pounds(Enumerable.Range(1, rows).Sum(n => n * 1234L)));
                    });
                }))
                .PageNumberFooter("Statement ref. IB-2026-04-0042"));

    /// <summary>A two-page statement: summary, a table, a chart, text with £ € dashes and quotes.</summary>
    public static Document Statement() =>
        Document.Create(Metadata())
            .Page(p => p
                .DefaultTextStyle(s => s.WithSize(10))
                .Header(h => h.Row(row =>
                {
                    row.RelativeItem().Column(col =>
                    {
                        col.Item().Text("Individual budget statement").FontSize(18).Bold();
                        col.Item().Text("1 April 2026 – 30 April 2026").FontColor(Colors.DarkGrey);
                    });
                    row.FixedItem(150).Text(t =>
                    {
                        t.Align(TextAlignment.Right).FontSize(9);
                        t.Line("Devon County Council");
                        t.Line("Children's Services");
                        t.Span("Budget IB-0042");
                    });
                }))
                .Content(c => c.Column(col =>
                {
                    col.Spacing(10);
                    col.Item().Text("This statement shows the money in your child’s personal budget, what was bought with it in April, and what is left. If something looks wrong, tell us — see “How to challenge a decision” on page 2.");
                    col.Item().Row(row =>
                    {
                        row.Spacing(8);
                        KeyFigure(row.RelativeItem(), "Allocation for 2026–27", Pounds(1_240_000));
                        KeyFigure(row.RelativeItem(), "Spent in April", Pounds(84_250));
                        KeyFigure(row.RelativeItem(), "Held for orders", Pounds(32_000));
                        KeyFigure(row.RelativeItem(), "Remaining", Pounds(1_123_750));
                    });
                    col.Item().Text("Purchases").FontSize(13).Bold();
                    col.Item().Table(t =>
                    {
                        t.Columns(cols => cols.Fixed(72).Relative(3).Relative(2).Fixed(70, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Date");
                            h.Cell("What");
                            h.Cell("Stream");
                            h.Cell("Amount");
                        });
                        string[] what = ["Short break – weekend", "Tutoring (maths), 4 sessions", "Travel: taxi to college…", "Sensory equipment", "Personal assistant hours"];
                        string[] stream = ["Social care", "Education (SEN)", "Health (CHC)"];
                        for (var i = 0; i < 26; i++)
                        {
                            var day = i + 1;
                            t.Row(r =>
                            {
                                r.Cell($"{day:00}/04/2026");
                                r.Cell(what[day % what.Length]);
                                r.Cell(stream[day % stream.Length]);
                                r.Cell(Pounds(1_000 + (day * 2_375)));
                            });
                        }

                        t.Zebra();
                        t.TotalRow(r =>
                        {
                            r.Cell("Total");
                            r.Cell("26 purchases");
                            r.Cell("");
                            r.Cell(Pounds(Enumerable.Range(1, 26).Sum(d => 1_000L + (d * 2_375))));
                        });
                    });
                    col.Item().KeepTogether().Column(chart =>
                    {
                        chart.Spacing(4);
                        chart.Item().Text("Spend by month").FontSize(13).Bold();
                        chart.Item().BarChart(b => b
                            .Height(150)
                            .Bar("Jan", 620).Bar("Feb", 710).Bar("Mar", 540).Bar("Apr", 842.5)
                            .AxisFormat(v => "£" + v.ToString("#,0", CultureInfo.InvariantCulture))
                            .ValueLabels(v => "£" + v.ToString("#,0", CultureInfo.InvariantCulture)));
                    });
                    col.Item().KeepTogether().Column(section =>
                    {
                        section.Spacing(4);
                        section.Item().Text("How to challenge a decision").FontSize(13).Bold();
                        section.Item().Text("If you think a figure is wrong, or you disagree with a decision about your budget, write to us within 28 days. Quote the budget number. We will reply within 10 working days; if you are still unhappy you may ask for a review by a senior manager, and then complain to the Local Government and Social Care Ombudsman.");
                        section.Item().Text("Payments to providers outside the UK are shown in euros (€) at the rate on the day.");
                    });
                }))
                .PageNumberFooter("Budget IB-0042 · April 2026"));

    private static void KeyFigure(Container container, string label, string value) =>
        container.Background(Colors.LightGrey).BorderLeft(3, Colors.Blue).Padding(8, 6).Column(col =>
        {
            col.Item().Text(label).FontSize(8).FontColor(Colors.DarkGrey);
            col.Item().Text(value).FontSize(13).Bold();
        });
}
