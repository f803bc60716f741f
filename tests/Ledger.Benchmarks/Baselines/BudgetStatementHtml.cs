using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Reports.Statements;

namespace Ledger.Benchmarks.Baselines;

/// <summary>
/// P3's baseline: the same budget statement (the same <see cref="BudgetStatement"/>, so the same figures) as an HTML page
/// with the same sections and tables as <see cref="BudgetStatementDocument"/> — header, introduction, key figures, money by
/// funding stream with totals, the month's movements with their net, orders still holding money, spend by kind of service
/// (a bar chart in CSS), how the allocation was worked out, what each stream may pay for, how to challenge a decision, and
/// a footer — printed to PDF by headless Chromium (<c>--print-to-pdf</c>), one process per statement, as a
/// print-from-HTML service would.
/// </summary>
internal static class BudgetStatementHtml
{
    private const string Style = """
            <style>
            @page { size: A4; margin: 18mm 15mm 20mm 15mm; }
            body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9.5pt; color: #0b0c0c; }
            header { border-bottom: 2px solid #1d70b8; margin-bottom: 8pt; display: flex; justify-content: space-between; }
            h1 { font-size: 16pt; margin: 0; } h2 { font-size: 12pt; margin: 10pt 0 4pt; }
            .figures { display: flex; gap: 8pt; } .figure { flex: 1; border: 1px solid #b1b4b6; padding: 4pt; }
            .figure b { display: block; font-size: 12pt; }
            table { width: 100%; border-collapse: collapse; } th, td { padding: 2pt 4pt; border-bottom: 1px solid #b1b4b6; text-align: left; }
            td.n, th.n { text-align: right; } tbody tr:nth-child(even) { background: #f3f2f1; } tr.total td { font-weight: bold; border-top: 2px solid #0b0c0c; }
            .bar { display: flex; align-items: center; gap: 4pt; margin: 2pt 0; } .bar span.b { background: #1d70b8; height: 10pt; display: inline-block; }
            section { break-inside: avoid; } footer { margin-top: 12pt; font-size: 8pt; color: #505a5f; }
            </style></head><body>
        """;

    public static string Chromium => Environment.GetEnvironmentVariable("LEDGER_CHROMIUM") ?? "/usr/bin/chromium";

    public static string Render(BudgetStatement s)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        static string P(Money m) => StatementStyle.Pounds(m);
        var period = StatementStyle.Period(s.From, s.To);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{E(BudgetStatementDocument.Title(s))}</title>
            {Style}
            <header><div><h1>{E(s.Kind)} statement</h1><div>{E(period)} · as at {E(StatementStyle.Day(s.To))}</div></div>
            <div>{E(s.AreaName)}<br>Budget {E(s.Budget)} ({E(s.Year)})<br>{E(s.Subject is { } subject ? $"For {subject}" : $"Holder {s.Holder}")}</div></header>
            <p>This statement shows the money in {(s.Subject is null ? "this lead professional's budget" : "this budget")} from {E(StatementStyle.Day(s.From))} to {E(StatementStyle.Day(s.To))}:
            where it came from, what it paid for, what is still held for services ordered but not yet invoiced, and what is left.
            Every figure is taken from the ledger; for each stream, the opening balance plus money in, less money out, is the closing balance.</p>
            <div class="figures">
            <div class="figure">Balance on {E(StatementStyle.Day(s.From.PlusDays(-1)))}<b>{P(s.Total(x => x.Opening))}</b></div>
            <div class="figure">Money in<b>{P(s.Total(x => x.In))}</b></div><div class="figure">Money out<b>{P(s.Total(x => x.Out))}</b></div>
            <div class="figure">Held for orders<b>{P(s.Total(x => x.Held))}</b></div><div class="figure">Left to spend<b>{P(s.Total(x => x.Available))}</b></div>
            </div>
            <h2>Money by funding stream</h2>
            <table><thead><tr><th>Stream</th><th class="n">Opening</th><th class="n">In</th><th class="n">Out</th><th class="n">Closing</th><th class="n">Held</th><th class="n">Left</th></tr></thead><tbody>
            """);
        foreach (var x in s.Streams)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(x.Stream)}</td><td class=n>{P(x.Opening)}</td><td class=n>{P(x.In)}</td><td class=n>{P(x.Out)}</td><td class=n>{P(x.Closing)}</td><td class=n>{P(x.Held)}</td><td class=n>{P(x.Available)}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<tr class=total><td>Total</td><td class=n>{P(s.Total(x => x.Opening))}</td><td class=n>{P(s.Total(x => x.In))}</td><td class=n>{P(s.Total(x => x.Out))}</td><td class=n>{P(s.Total(x => x.Closing))}</td><td class=n>{P(s.Total(x => x.Held))}</td><td class=n>{P(s.Total(x => x.Available))}</td></tr></tbody></table>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>What happened in {E(StatementStyle.Month(s.To))}</h2>");
        if (s.Lines.Count == 0)
        {
            html.Append("<p>Nothing was paid in or out of this budget in the period.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>Date</th><th>What</th><th>Stream</th><th class=n>Amount</th></tr></thead><tbody>");
            foreach (var line in s.Lines)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(StatementStyle.Day(line.Date))}</td><td>{E(KindText(line.Kind))}: {E(line.Description)}</td><td>{E(line.Stream)}</td><td class=n>{P(line.Amount)}</td></tr>");
            }

            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=total><td>Net</td><td>{s.Lines.Count} movement(s)</td><td></td><td class=n>{P(s.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount))}</td></tr></tbody></table>");
        }

        if (s.Outstanding.Count > 0)
        {
            html.Append("<h2>Orders still holding money</h2><table><thead><tr><th>Order</th><th>What</th><th>Provider</th><th>Ordered</th><th class=n>Held</th></tr></thead><tbody>");
            foreach (var o in s.Outstanding)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(o.Reference)}</td><td>{E(o.Description)}</td><td>{E(o.Provider)}</td><td>{E(StatementStyle.Day(o.OrderedOn))}</td><td class=n>{P(o.Held.Aggregate(Money.Zero, (sum, h) => sum + h.Amount))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (s.SpendByCategory.Count > 0)
        {
            var most = Math.Max(1, s.SpendByCategory.Max(c => c.Amount.Pence));
            html.Append("<section><h2>Spend by kind of service</h2>");
            foreach (var (category, amount) in s.SpendByCategory)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<div class=bar><span style=\"width:30%\">{E(category)}</span><span class=b style=\"width:{amount.Pence * 60 / most}%\"></span><span>{P(amount)}</span></div>");
            }

            html.Append("</section>");
        }

        html.Append("<section><h2>How the allocation was worked out</h2>");
        if (s.Allocations.Count == 0)
        {
            html.Append("<p>No allocation has been made to this budget yet.</p>");
        }

        foreach (var (amount, on, by, working) in s.Allocations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{P(amount)} allocated on {E(StatementStyle.Day(on))}, decided by {E(by)}. {E(working)}</p>");
        }

        html.Append("</section><section><h2>What each stream may pay for</h2>");
        foreach (var x in s.Streams)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(x.Stream)} ({E(x.Name)}): {E(x.MayPayFor)}.</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </section><section><h2>How to challenge a decision</h2><p>If a figure looks wrong, or you disagree with a decision about this budget, tell your lead professional or write to
            {E(s.AreaName)} within 28 days, quoting budget {E(s.Budget)}. We will reply within 10 working days. If you are still unhappy you can ask
            for a review by a senior manager, and then complain to the Local Government and Social Care Ombudsman.</p></section>
            <footer>{E(s.Budget)} · {E(period)} · {E(s.Holder)}, {E(s.HolderMode)}</footer></body></html>
            """);
        return html.ToString();
    }

    /// <summary>Prints <paramref name="htmlFile"/> to <paramref name="pdfFile"/> with headless Chromium; returns the PDF's size.</summary>
    public static async Task<long> PrintAsync(string htmlFile, string pdfFile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdfFile}", new Uri(htmlFile).AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Chromium} did not start.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await Task.WhenAll(stderr, stdout);
        if (process.ExitCode != 0 || !File.Exists(pdfFile))
        {
            throw new InvalidOperationException($"{Chromium} exited {process.ExitCode}: {(await stderr).Trim()}");
        }

        return new FileInfo(pdfFile).Length;
    }

    private static string KindText(EntryKind kind) => kind switch
    {
        EntryKind.Allocation => "Allocated",
        EntryKind.Purchase => "Bought",
        EntryKind.Settlement => "Invoice paid",
        EntryKind.YearEndReturn => "Returned at year end",
        EntryKind.CarryForward => "Carried forward",
        _ => "Other",
    };
}
