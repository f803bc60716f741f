using System.Globalization;
using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Reports.Pdf;
using static Ledger.Reports.Statements.StatementStyle;

namespace Ledger.Reports.PilotReport;

/// <summary>
/// The quarterly pilot report as a PDF (DOMAIN.md §3.5): key figures, spend by stream (chart and table),
/// category and provider sector, time to service (chart), outcomes and cost per outcome, the
/// creaming/parking monitor by difficulty band (chart) and the worst-off tail, planned vs actual outcome
/// payments, social value by agency, and optionally every area side by side. Counts of 1–4 people show as
/// "&lt;5" and figures derived from them are withheld. Dated from the quarter, so the same data gives the same bytes.
/// </summary>
public static class PilotReportDocument
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const string Withheld = "withheld (<5)";
    private const string Star = "*";
    private const string StarNote = "* withheld: it would reveal a count of fewer than 5 people.";

    /// <summary>The document's title.</summary>
    public static string Title(Application.Statements.PilotReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Pilot report {report.Area}, {report.Quarter.Label}";
    }

    /// <summary>Lays the report out; <paramref name="comparison"/> (every area's report for the same quarter) adds a table comparing areas.</summary>
    public static Document Build(Application.Statements.PilotReport r, IReadOnlyList<Application.Statements.PilotReport>? comparison = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var period = $"{Month(r.Quarter.From)} to {Month(r.Quarter.To)}";
        var metadata = new DocumentMetadata(Title(r), $"{r.AreaName} – Ledger", $"Quarterly pilot report for {r.Quarter.Label} ({period})", DatedAt(r.Quarter.To));
        return Section(Document.Create(metadata), r, comparison);
    }

    /// <summary>
    /// Every area's report for the same quarter in one document: a section per area (each starting on a new
    /// page), and the areas compared at the end of the last.
    /// </summary>
    public static Document BuildAll(IReadOnlyList<Application.Statements.PilotReport> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (areas.Count == 0)
        {
            throw new ArgumentException("At least one area's report is needed.", nameof(areas));
        }

        var quarter = areas[0].Quarter;
        var metadata = new DocumentMetadata($"Pilot report, all areas, {quarter.Label}", "Ledger",
            $"Quarterly pilot report for {quarter.Label}: {string.Join(", ", areas.Select(a => a.AreaName))}", DatedAt(quarter.To));
        var document = Document.Create(metadata);
        for (var i = 0; i < areas.Count; i++)
        {
            Section(document, areas[i], i == areas.Count - 1 ? areas : null);
        }

        return document;
    }

    private static Document Section(Document document, Application.Statements.PilotReport r, IReadOnlyList<Application.Statements.PilotReport>? comparison)
    {
        var period = $"{Month(r.Quarter.From)} to {Month(r.Quarter.To)}";
        return document.Page(p => p
            .DefaultTextStyle(t => t.WithSize(9.5f))
            .Header(h => h.Row(row =>
            {
                row.RelativeItem().Column(col =>
                {
                    col.Item().Text("Pilot report").FontSize(17).Bold();
                    col.Item().Text($"{r.Quarter.Label} · {period}").FontColor(Colors.DarkGrey);
                });
                row.FixedItem(200).Text(t =>
                {
                    t.Align(TextAlignment.Right).FontSize(9);
                    t.Line(r.AreaName);
                    t.Span($"Area {r.Area}");
                });
            }))
            .Content(c => c.Column(col =>
            {
                col.Spacing(9);
                if (!r.HasData)
                {
                    col.Item().Text($"No data for this quarter: no invoices were settled, no outcome payments approved, no services started and no one was enrolled "
                        + $"in {r.AreaName} by {Day(r.Quarter.To)}.").Bold();
                    Comparison(col, comparison);
                    return;
                }

                col.Item().Text("Spend is invoices settled in the quarter plus outcome payments (attachment fees, outcomes and sustainments) approved in it. "
                    + "Counts of fewer than 5 people are shown as <5 and figures that would reveal them are withheld.");
                col.Item().Row(row =>
                {
                    row.Spacing(8);
                    KeyFigure(row.RelativeItem(), "Total spend", r.TotalSpend);
                    Figure(row.RelativeItem(), "Children / families", $"{Suppression.Show(r.Children)} / {Suppression.Show(r.Families)}");
                    Figure(row.RelativeItem(), "Spend per child or family", r.SpendPerPerson is { } per ? Pounds(per) : Withheld);
                    Figure(row.RelativeItem(), "Outcomes paid", Suppression.Show(r.OutcomesPaid));
                    Figure(row.RelativeItem(), "Cost per outcome", r.CostPerOutcome is { } cost ? Pounds(cost) : Withheld);
                });

                Heading(col, "Spend by funding stream");
                if (r.Streams.Count == 0)
                {
                    col.Item().Text("No spend in the quarter.");
                }
                else
                {
                    col.Item().KeepTogether().BarChart(b =>
                    {
                        b.Height(120).AxisFormat(v => "£" + v.ToString("#,0", Invariant)).ValueLabels(v => "£" + v.ToString("#,0", Invariant));
                        foreach (var s in r.Streams)
                        {
                            b.Bar(s.Stream, (double)(s.Total.Pence / 100m));
                        }
                    });
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Fixed(110).Relative(3).Fixed(80, TextAlignment.Right).Fixed(80, TextAlignment.Right).Fixed(80, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Stream");
                            h.Cell("Name");
                            h.Cell("Invoices");
                            h.Cell("Outcomes");
                            h.Cell("Total");
                        });
                        foreach (var s in r.Streams)
                        {
                            t.Row(x =>
                            {
                                x.Cell(s.Stream);
                                x.Cell(s.Name);
                                x.Cell(Pounds(s.Invoices));
                                x.Cell(Pounds(s.Outcomes));
                                x.Cell(Pounds(s.Total));
                            });
                        }

                        t.Zebra();
                        t.TotalRow(x =>
                        {
                            x.Cell("Total");
                            x.Cell("");
                            x.Cell(Pounds(r.Invoiced));
                            x.Cell(Pounds(r.OutcomePayments));
                            x.Cell(Pounds(r.TotalSpend));
                        });
                    });
                }

                col.Item().Row(row =>
                {
                    row.Spacing(12);
                    AmountTable(row.RelativeItem(), "By service category", r.ByCategory);
                    AmountTable(row.RelativeItem(), "By provider sector", r.BySector);
                });

                col.Item().KeepTogether().Column(tts =>
                {
                    tts.Spacing(6);
                    Heading(tts, "Time to service");
                    tts.Item().Text($"Days from the need being identified to the service starting, for the {Suppression.Show(r.DaysToService.Count)} service(s) that started in the quarter "
                        + "(nearest-rank percentiles).");
                    if (r.MedianDaysToService is { } median && r.Percentile90DaysToService is { } p90)
                    {
                        tts.Item().BarChart(b => b.Height(90).AxisFormat(v => v.ToString("0", Invariant)).ValueLabels(v => v.ToString("0", Invariant) + " days")
                            .Bar("Median", median).Bar("90th percentile", p90, Colors.DarkBlue));
                    }
                    else
                    {
                        tts.Item().Text(r.DaysToService.Count == 0 ? "No services started in the quarter." : "Median and 90th percentile withheld: fewer than 5 services started.");
                    }
                });

                Heading(col, "Outcomes");
                col.Item().Text($"{Suppression.Show(r.OutcomesPaid)} outcome and sustainment payment(s) approved in the quarter and not clawed back"
                    + (Suppression.Hides(r.OutcomesPaid) ? "." : $", {Pounds(r.OutcomesAmount)}.")
                    + (r.ClawedBack > 0 ? $" {Suppression.Show(r.ClawedBack)} payment(s) approved in the quarter have since been clawed back." : string.Empty)
                    + " Cost per outcome is all spend in the quarter divided by the outcomes paid.");

                Heading(col, "Who is helped: outcomes by difficulty band");
                col.Item().Text("Everyone enrolled by the end of the quarter, banded by the sum of their enrolment difficulty factors (years in care, risk factors, "
                    + "disability severity, exclusions). A provider creaming the easiest or parking the hardest shows as a falling share in the higher bands.");
                col.Item().Table(t =>
                {
                    t.Columns(x => x.Relative(1).Fixed(55, TextAlignment.Right).Fixed(60, TextAlignment.Right).Fixed(50, TextAlignment.Right).Fixed(60, TextAlignment.Right)
                        .Fixed(70, TextAlignment.Right).Fixed(90, TextAlignment.Right));
                    t.Header(h =>
                    {
                        h.Cell("Band");
                        h.Cell("Enrolled");
                        h.Cell("Achieved");
                        h.Cell("Share");
                        h.Cell("Never claimed");
                        h.Cell("Paid each");
                        h.Cell("Days to claim");
                    });
                    foreach (var b in r.Bands.Append(r.Rest with { Band = "0–3 (rest)" }).Append(r.Tail with { Band = "4+ (tail)" }))
                    {
                        t.Row(x => BandCells(x, b));
                    }
                });
                var charted = r.Bands.Where(b => b.ShareAchieved is not null).ToList();
                if (charted.Count > 0)
                {
                    col.Item().KeepTogether().BarChart(b =>
                    {
                        b.Height(90).AxisFormat(v => v.ToString("0", Invariant) + "%").ValueLabels(v => v.ToString("0", Invariant) + "%");
                        foreach (var band in charted)
                        {
                            b.Bar("Band " + band.Band, (double)(band.ShareAchieved!.Value * 100m), Colors.Green);
                        }
                    });
                }

                col.Item().Text(charted.Count == r.Bands.Count
                    ? "Share achieving an outcome, by band. Days to claim: median from enrolment to the first outcome claim. " + StarNote
                    : "Bands with fewer than 5 people enrolled, achieving or not achieving are not charted. " + StarNote).FontSize(8.5f).FontColor(Colors.DarkGrey);
                col.Item().Text(Tail(r)).Bold();

                Heading(col, "Planned and actual outcome payments");
                if (r.PlannedActual.Count == 0)
                {
                    col.Item().Text("No outcome claims were submitted in the quarter.");
                }
                else
                {
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Relative(2).Fixed(60, TextAlignment.Right).Fixed(85, TextAlignment.Right).Fixed(85, TextAlignment.Right).Fixed(85, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Outcome");
                            h.Cell("Claims");
                            h.Cell("Planned");
                            h.Cell("Approved");
                            h.Cell("Paid");
                        });
                        foreach (var l in r.PlannedActual)
                        {
                            t.Row(x =>
                            {
                                x.Cell(l.Outcome);
                                x.Cell(Suppression.Show(l.Claims));
                                x.Cell(Pounds(l.Planned));
                                x.Cell(Pounds(l.Approved));
                                x.Cell(Pounds(l.Paid));
                            });
                        }

                        t.Zebra();
                        t.TotalRow(x =>
                        {
                            x.Cell("Total");
                            x.Cell(Suppression.ShowTotal(r.PlannedActual.Select(l => l.Claims)));
                            x.Cell(Pounds(Sum(r.PlannedActual.Select(l => l.Planned))));
                            x.Cell(Pounds(Sum(r.PlannedActual.Select(l => l.Approved))));
                            x.Cell(Pounds(Sum(r.PlannedActual.Select(l => l.Paid))));
                        });
                    });
                    col.Item().Text("Claims submitted in the quarter: planned is what they were validated at; approved and paid are what has been approved and paid by a "
                        + "payment run (not clawed back) when the report was produced. " + StarNote).FontSize(8.5f).FontColor(Colors.DarkGrey);
                }

                Heading(col, "Cost avoidance and cashable savings by agency");
                if (r.Agencies.Count == 0)
                {
                    col.Item().Text("No outcomes were approved in the quarter.");
                }
                else
                {
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Relative(2).Fixed(70, TextAlignment.Right).Fixed(100, TextAlignment.Right).Fixed(100, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Agency");
                            h.Cell("Outcomes");
                            h.Cell("Cost avoidance");
                            h.Cell("Cashable");
                        });
                        foreach (var a in r.Agencies)
                        {
                            t.Row(x =>
                            {
                                x.Cell(a.Agency);
                                x.Cell(Suppression.Show(a.Outcomes));
                                x.Cell(Suppression.Hides(a.Outcomes) ? Star : Pounds(a.CostAvoidance));
                                x.Cell(Suppression.Hides(a.Outcomes) ? Star : Pounds(a.Cashable));
                            });
                        }
                    });
                    col.Item().Text("Estimates from the outcome catalogue's social values for outcomes approved in the quarter. Cost avoidance is not money that can be "
                        + "taken out of a budget; cashable savings are. " + StarNote).FontSize(8.5f).FontColor(Colors.DarkGrey);
                }

                Comparison(col, comparison);
            }))
            .PageNumberFooter($"{r.Area} · pilot report {r.Quarter.Label}"));
    }

    private static string Tail(Application.Statements.PilotReport r)
    {
        var (tail, rest) = (r.Tail, r.Rest);
        if (tail.Enrolled == 0)
        {
            return "The worst-off tail: no one in the highest band (4+) has been enrolled.";
        }

        return tail.ShareAchieved is { } t && rest.ShareAchieved is { } o
            ? $"The worst-off tail: {Percent(t)} of the highest band achieved an outcome, against {Percent(o)} of everyone else."
            : $"The worst-off tail: {Suppression.Show(tail.Enrolled)} enrolled in the highest band; shares are withheld because a count is under 5.";
    }

    private static void BandCells(TableRowDescriptor x, DifficultyBandLine b)
    {
        x.Cell(b.Band);
        if (b.Withheld)
        {
            foreach (var _ in Enumerable.Range(0, 6))
            {
                x.Cell(Star);
            }

            return;
        }

        x.Cell(Suppression.Show(b.Enrolled));
        x.Cell(Suppression.Hides(b.Enrolled) ? Star : Suppression.Show(b.Achieved));
        x.Cell(b.ShareAchieved is { } share ? Percent(share) : b.Enrolled == 0 ? "–" : Star);
        x.Cell(Suppression.Hides(b.Enrolled) ? Star : Suppression.Show(b.NeverClaimed));
        x.Cell(b.PaidPerEnrolment is { } per ? Pounds(per) : b.Enrolled == 0 ? "–" : Star);
        x.Cell(b.MedianDaysToClaimShown is { } d ? d.ToString(Invariant) : b.Enrolled == b.NeverClaimed || b.Band.StartsWith("0–3 ", StringComparison.Ordinal) ? "–" : Star);
    }

    private static void Comparison(ColumnDescriptor col, IReadOnlyList<Application.Statements.PilotReport>? comparison)
    {
        if (comparison is not { Count: > 0 })
        {
            return;
        }

        Heading(col, "Comparing areas");
        col.Item().Table(t =>
        {
            t.Columns(x => x.Relative(2).Fixed(70, TextAlignment.Right).Fixed(75, TextAlignment.Right).Fixed(70, TextAlignment.Right).Fixed(55, TextAlignment.Right)
                .Fixed(55, TextAlignment.Right).Fixed(65, TextAlignment.Right));
            t.Header(h =>
            {
                h.Cell("Area");
                h.Cell("People");
                h.Cell("Spend");
                h.Cell("Per person");
                h.Cell("Median days");
                h.Cell("Outcomes");
                h.Cell("Per outcome");
            });
            foreach (var a in comparison)
            {
                t.Row(x =>
                {
                    x.Cell(a.AreaName);
                    x.Cell(Suppression.Show(a.People));
                    x.Cell(Pounds(a.TotalSpend));
                    x.Cell(a.SpendPerPerson is { } per ? Pounds(per) : a.People == 0 ? "–" : Star);
                    x.Cell(a.MedianDaysToService?.ToString(Invariant) ?? "–");
                    x.Cell(Suppression.Show(a.OutcomesPaid));
                    x.Cell(a.CostPerOutcome is { } cost ? Pounds(cost) : "–");
                });
            }

            t.Zebra();
        });
        col.Item().Text(StarNote).FontSize(8.5f).FontColor(Colors.DarkGrey);
    }

    private static void AmountTable(Container container, string title, IReadOnlyList<(string Name, Money Amount)> lines) =>
        container.Column(col =>
        {
            col.Spacing(4);
            col.Item().Text(title).FontSize(11).Bold();
            if (lines.Count == 0)
            {
                col.Item().Text("No spend.");
                return;
            }

            col.Item().Table(t =>
            {
                t.Columns(x => x.Relative(2).Fixed(75, TextAlignment.Right));
                foreach (var (name, amount) in lines)
                {
                    t.Row(x =>
                    {
                        x.Cell(name);
                        x.Cell(Pounds(amount));
                    });
                }

                t.Zebra();
            });
        });

    private static void Heading(ColumnDescriptor col, string text) => col.Item().Text(text).FontSize(12).Bold();

    private static void Figure(Container container, string label, string value) =>
        container.Background(Colors.LightGrey).Padding(6).Column(col =>
        {
            col.Item().Text(label).FontSize(8).FontColor(Colors.DarkGrey);
            col.Item().Text(value).FontSize(12).Bold();
        });

    private static string Percent(decimal share) => (share * 100m).ToString("0", Invariant) + "%";

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);
}
