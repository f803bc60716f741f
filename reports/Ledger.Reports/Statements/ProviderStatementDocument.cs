using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Reports.Pdf;
using static Ledger.Reports.Statements.StatementStyle;

namespace Ledger.Reports.Statements;

/// <summary>
/// A provider's remittance and outcome statement as a PDF (DOMAIN.md §3.5): what it was owed at the start,
/// invoices settled, outcome payments with the computation of each (base tariff, weight, caps, payers'
/// shares), clawbacks, payments made, and what it is owed at the end.
/// </summary>
public static class ProviderStatementDocument
{
    /// <summary>The statement's title.</summary>
    public static string Title(ProviderStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"Provider statement {statement.Provider}, {Period(statement.From, statement.To)}";
    }

    /// <summary>Lays the statement out.</summary>
    public static Document Build(ProviderStatement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var period = Period(s.From, s.To);
        var metadata = new DocumentMetadata(Title(s), $"{s.AreaName} – Ledger", $"Remittance and outcome statement for {period}", DatedAt(s.To));
        return Document.Create(metadata).Page(p => p
            .DefaultTextStyle(t => t.WithSize(9.5f))
            .Header(h => StatementStyle.Header(h, "Remittance and outcome statement", $"{period} · as at {Day(s.To)}", 200, s.AreaName, s.ProviderName, $"Provider {s.Provider}"))
            .Content(c => c.Column(col =>
            {
                col.Spacing(9);
                col.Item().Text($"What {s.AreaName} owed you at the start of the period, what became owed (invoices settled and outcome payments approved), "
                    + "what was recovered, what was paid, and what is owed now. Owed at the start + invoices + outcome payments − clawbacks − payments = owed at the end.");
                col.Item().Row(row =>
                {
                    row.Spacing(8);
                    KeyFigure(row.RelativeItem(), "Owed at the start", s.OwedAtStart);
                    KeyFigure(row.RelativeItem(), "Invoices", s.Invoiced);
                    KeyFigure(row.RelativeItem(), "Outcomes (net)", s.OutcomesNet);
                    KeyFigure(row.RelativeItem(), "Paid", s.Paid);
                    KeyFigure(row.RelativeItem(), "Owed at the end", s.OwedAtEnd);
                });

                col.Item().Text("Invoices settled").FontSize(12).Bold();
                if (s.Invoices.Count == 0)
                {
                    col.Item().Text("No invoices in the period.");
                }
                else
                {
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Fixed(62).Fixed(88).Fixed(70).Relative(3).Fixed(96).Fixed(64, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Date");
                            h.Cell("Order");
                            h.Cell("Invoice");
                            h.Cell("What");
                            h.Cell("Paid in");
                            h.Cell("Amount");
                        });
                        foreach (var i in s.Invoices)
                        {
                            t.Row(r =>
                            {
                                r.Cell(Day(i.InvoicedOn));
                                r.Cell(i.Order);
                                r.Cell(i.Number);
                                r.Cell(i.Description);
                                r.Cell(i.PaidIn ?? "not yet paid");
                                r.Cell(Pounds(i.Amount));
                            });
                        }

                        t.Zebra();
                        t.TotalRow(r =>
                        {
                            r.Cell("Total");
                            r.Cell($"{s.Invoices.Count} invoice(s)");
                            r.Cell("");
                            r.Cell("");
                            r.Cell("");
                            r.Cell(Pounds(s.Invoiced));
                        });
                    });
                }

                col.Item().Text("Outcome payments and clawbacks").FontSize(12).Bold();
                if (s.Outcomes.Count == 0)
                {
                    col.Item().Text("No outcome payments or clawbacks in the period.");
                }

                foreach (var o in s.Outcomes)
                {
                    col.Item().KeepTogether().Border(0.5f, Colors.LightGrey).Padding(6).Column(box =>
                    {
                        box.Spacing(2);
                        box.Item().Row(row =>
                        {
                            row.RelativeItem().Text($"{o.Claim} · {o.What} · {o.Subject} · {Day(o.On)}").Bold();
                            row.FixedItem(80).Text(t => t.Align(TextAlignment.Right).Span(Pounds(o.Amount)).Bold());
                        });
                        foreach (var step in o.Working)
                        {
                            box.Item().Text(step).FontSize(8.5f).FontColor(Colors.DarkGrey);
                        }

                        box.Item().Text(o.PaidIn is { } run ? $"Paid in {run}" : "Not yet paid: waits for the next payment run").FontSize(8.5f);
                    });
                }

                col.Item().Text("Payments made").FontSize(12).Bold();
                if (s.Payments.Count == 0)
                {
                    col.Item().Text("No payments in the period.");
                }
                else
                {
                    col.Item().Table(t =>
                    {
                        t.Columns(x => x.Relative(2).Fixed(90).Fixed(80, TextAlignment.Right));
                        t.Header(h =>
                        {
                            h.Cell("Payment run");
                            h.Cell("Date");
                            h.Cell("Amount");
                        });
                        foreach (var (run, on, amount) in s.Payments)
                        {
                            t.Row(r =>
                            {
                                r.Cell(run);
                                r.Cell(Day(on));
                                r.Cell(Pounds(amount));
                            });
                        }
                    });
                }

                col.Item().KeepTogether().Column(section =>
                {
                    section.Spacing(4);
                    section.Item().Text("Questions and disputes").FontSize(12).Bold();
                    section.Item().Text($"Quote the order or claim reference to {s.AreaName}'s finance team within 28 days. A clawback follows a spot check of the "
                        + "claim's evidence; you may ask for the spot-check bundle and for a review of the finding.");
                });
            }))
            .PageNumberFooter($"{s.Provider} · {period}"));
    }
}
