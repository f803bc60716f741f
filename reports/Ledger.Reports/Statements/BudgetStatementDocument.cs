using System.Globalization;
using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Reports.Pdf;
using NodaTime;

namespace Ledger.Reports.Statements;

/// <summary>
/// The individual (or lead professional's) budget statement as a PDF (DOMAIN.md §3.5): in plain language,
/// the money in the budget, where it came from, what it bought, what is still held for orders and what is
/// left, stream by stream; how the allocation was calculated; what each stream may pay for; how to challenge
/// a decision. The document's dates come from the period, so the same ledger gives the same bytes.
/// </summary>
public static class BudgetStatementDocument
{
    private static readonly CultureInfo UkCulture = CultureInfo.InvariantCulture;

    /// <summary>The statement's title, e.g. "Budget statement IB-FAM-0001-2026, April 2026".</summary>
    public static string Title(BudgetStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"Budget statement {statement.Budget}, {Month(statement.To)}";
    }

    /// <summary>Lays the statement out.</summary>
    public static Document Build(BudgetStatement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var metadata = new DocumentMetadata(Title(s), $"{s.AreaName} – Ledger", $"{s.Kind} statement for {Period(s)}", StatementStyle.DatedAt(s.To));
        return Document.Create(metadata).Page(p => p
            .DefaultTextStyle(t => t.WithSize(9.5f))
            .Header(h => StatementStyle.Header(h, $"{s.Kind} statement", $"{Period(s)} · as at {Day(s.To)}", 190, s.AreaName, $"Budget {s.Budget} ({s.Year})",
                s.Subject is { } subject ? $"For {subject}" : $"Holder {s.Holder}"))
            .Content(c => c.Column(col =>
            {
                col.Spacing(9);
                col.Item().Text(Intro(s));
                col.Item().Row(row =>
                {
                    row.Spacing(8);
                    KeyFigure(row.RelativeItem(), $"Balance on {Day(s.From.PlusDays(-1))}", s.Total(x => x.Opening));
                    KeyFigure(row.RelativeItem(), "Money in", s.Total(x => x.In));
                    KeyFigure(row.RelativeItem(), "Money out", s.Total(x => x.Out));
                    KeyFigure(row.RelativeItem(), "Held for orders", s.Total(x => x.Held));
                    KeyFigure(row.RelativeItem(), "Left to spend", s.Total(x => x.Available));
                });

                col.Item().Text("Money by funding stream").FontSize(12).Bold();
                col.Item().Table(t =>
                {
                    // Money columns wide enough for a bold five-figure total on one line.
                    t.Columns(x => x.Fixed(94).Relative(1, TextAlignment.Right).Relative(1, TextAlignment.Right).Relative(1, TextAlignment.Right)
                        .Relative(1, TextAlignment.Right).Relative(1, TextAlignment.Right).Relative(1, TextAlignment.Right));
                    t.Header(h =>
                    {
                        h.Cell("Stream");
                        h.Cell("Opening");
                        h.Cell("In");
                        h.Cell("Out");
                        h.Cell("Closing");
                        h.Cell("Held");
                        h.Cell("Left");
                    });
                    foreach (var stream in s.Streams)
                    {
                        t.Row(r =>
                        {
                            r.Cell(stream.Stream);
                            r.Cell(Pounds(stream.Opening));
                            r.Cell(Pounds(stream.In));
                            r.Cell(Pounds(stream.Out));
                            r.Cell(Pounds(stream.Closing));
                            r.Cell(Pounds(stream.Held));
                            r.Cell(Pounds(stream.Available));
                        });
                    }

                    // The totals are set a size smaller so a bold five-figure sum fits its column on one line.
                    t.TotalRow(r =>
                    {
                        r.Cell("Total");
                        r.Cell(Pounds(s.Total(x => x.Opening))).FontSize(8.5f);
                        r.Cell(Pounds(s.Total(x => x.In))).FontSize(8.5f);
                        r.Cell(Pounds(s.Total(x => x.Out))).FontSize(8.5f);
                        r.Cell(Pounds(s.Total(x => x.Closing))).FontSize(8.5f);
                        r.Cell(Pounds(s.Total(x => x.Held))).FontSize(8.5f);
                        r.Cell(Pounds(s.Total(x => x.Available))).FontSize(8.5f);
                    });
                });

                col.Item().Text($"What happened in {Month(s.To)}").FontSize(12).Bold();
                if (s.Lines.Count == 0)
                {
                    col.Item().Text("Nothing was paid in or out of this budget in the period.");
                }
                else
                {
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Fixed(70).Relative(4).Fixed(94).Fixed(66, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Date");
                            h.Cell("What");
                            h.Cell("Stream");
                            h.Cell("Amount");
                        });
                        foreach (var line in s.Lines)
                        {
                            t.Row(r =>
                            {
                                r.Cell(Day(line.Date));
                                r.Cell($"{KindText(line.Kind)}: {line.Description}");
                                r.Cell(line.Stream);
                                r.Cell(Pounds(line.Amount));
                            });
                        }

                        t.Zebra();
                        t.TotalRow(r =>
                        {
                            r.Cell("Net");
                            r.Cell($"{s.Lines.Count} movement(s)");
                            r.Cell("");
                            r.Cell(Pounds(s.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount)));
                        });
                    });
                }

                if (s.Outstanding.Count > 0)
                {
                    col.Item().Text("Orders still holding money").FontSize(12).Bold();
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Fixed(90).Relative(3).Fixed(90).Fixed(62).Fixed(66, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Order");
                            h.Cell("What");
                            h.Cell("Provider");
                            h.Cell("Ordered");
                            h.Cell("Held");
                        });
                        foreach (var order in s.Outstanding)
                        {
                            t.Row(r =>
                            {
                                r.Cell(order.Reference);
                                r.Cell(order.Description);
                                r.Cell(order.Provider);
                                r.Cell(Day(order.OrderedOn));
                                r.Cell(Pounds(order.Held.Aggregate(Money.Zero, (sum, h) => sum + h.Amount)));
                            });
                        }
                    });
                }

                if (s.SpendByCategory.Count > 0)
                {
                    col.Item().KeepTogether().Column(chart =>
                    {
                        chart.Spacing(4);
                        chart.Item().Text("Spend by kind of service").FontSize(12).Bold();
                        chart.Item().BarChart(b =>
                        {
                            b.Height(130).AxisFormat(v => "£" + v.ToString("#,0", UkCulture)).ValueLabels(v => "£" + v.ToString("#,0.00", UkCulture));
                            foreach (var (category, amount) in s.SpendByCategory)
                            {
                                b.Bar(category, (double)(amount.Pence / 100m));
                            }
                        });
                    });
                }

                col.Item().KeepTogether().Column(section =>
                {
                    section.Spacing(4);
                    section.Item().Text("How the allocation was worked out").FontSize(12).Bold();
                    if (s.Allocations.Count == 0)
                    {
                        section.Item().Text("No allocation has been made to this budget yet.");
                    }

                    foreach (var (amount, on, by, working) in s.Allocations)
                    {
                        section.Item().Text($"{Pounds(amount)} allocated on {Day(on)}, decided by {by}. {working}");
                    }
                });

                col.Item().KeepTogether().Column(section =>
                {
                    section.Spacing(4);
                    section.Item().Text("What each stream may pay for").FontSize(12).Bold();
                    foreach (var stream in s.Streams)
                    {
                        section.Item().Text($"{stream.Stream} ({stream.Name}): {stream.MayPayFor}.");
                    }
                });

                col.Item().KeepTogether().Column(section =>
                {
                    section.Spacing(4);
                    section.Item().Text("How to challenge a decision").FontSize(12).Bold();
                    section.Item().Text("If a figure looks wrong, or you disagree with a decision about this budget, tell your lead professional or write to "
                        + $"{s.AreaName} within 28 days, quoting budget {s.Budget}. We will reply within 10 working days. If you are still unhappy you can ask "
                        + "for a review by a senior manager, and then complain to the Local Government and Social Care Ombudsman.");
                });
            }))
            .PageNumberFooter($"{s.Budget} · {Period(s)} · {s.Holder}, {s.HolderMode}"));
    }

    private static string Intro(BudgetStatement s) =>
        $"This statement shows the money in {(s.Subject is null ? "this lead professional's budget" : "this budget")} from {Day(s.From)} to {Day(s.To)}: "
        + "where it came from, what it paid for, what is still held for services ordered but not yet invoiced, and what is left. "
        + "Every figure is taken from the ledger; for each stream, the opening balance plus money in, less money out, is the closing balance.";

    private static string KindText(EntryKind kind) => kind switch
    {
        EntryKind.Allocation => "Allocated",
        EntryKind.Purchase => "Bought",
        EntryKind.Settlement => "Invoice paid",
        EntryKind.YearEndReturn => "Returned at year end",
        EntryKind.CarryForward => "Carried forward",
        _ => "Other",
    };

    private static string Period(BudgetStatement s) => StatementStyle.Period(s.From, s.To);

    private static string Month(LocalDate day) => StatementStyle.Month(day);

    private static string Day(LocalDate day) => StatementStyle.Day(day);

    private static string Pounds(Money money) => StatementStyle.Pounds(money);

    private static void KeyFigure(Container container, string label, Money amount) => StatementStyle.KeyFigure(container, label, amount);
}
