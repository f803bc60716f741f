using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Reports.Pdf;
using static Ledger.Reports.Statements.StatementStyle;

namespace Ledger.Reports.Statements;

/// <summary>
/// A pool statement as a PDF (DOMAIN.md §3.5, R3): a summary table of where each stream's money is, then
/// for each stream its two accounts — unallocated in the pool, and in the budgets the pool funds — each
/// from opening to closing balance, so a partner can follow its money line by line.
/// </summary>
public static class PoolStatementDocument
{
    /// <summary>The statement's title.</summary>
    public static string Title(PoolStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"Pool statement {statement.Pool}, {Period(statement.From, statement.To)}";
    }

    /// <summary>Lays the statement out.</summary>
    public static Document Build(PoolStatement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var period = Period(s.From, s.To);
        var metadata = new DocumentMetadata(Title(s), $"{s.AreaName} – Ledger", $"Pool statement for {period}", DatedAt(s.To));
        return Document.Create(metadata).Page(p => p
            .DefaultTextStyle(t => t.WithSize(9.5f))
            .Header(h => StatementStyle.Header(h, "Pool statement", $"{period} · as at {Day(s.To)}", 250, s.AreaName, s.PoolName, $"Pool {s.Pool} · {s.Year}"))
            .Content(c => c.Column(col =>
            {
                col.Spacing(9);
                col.Item().Text($"The partners' money in {s.PoolName}, stream by stream. Each contribution keeps its funding stream: it is allocated to "
                    + $"budgets ({s.SplitPolicy}), spent on services and outcomes, held by orders not yet invoiced, or returned at year end. "
                    + $"The pool funds {s.Budgets} budget(s). Every figure is read from the ledger as at {Day(s.To)}.");
                col.Item().Row(row =>
                {
                    row.Spacing(8);
                    KeyFigure(row.RelativeItem(), "Contributed this year", s.Total(f => f.ContributedToDate));
                    KeyFigure(row.RelativeItem(), "Spent to date", s.Total(f => f.SpentToDate));
                    KeyFigure(row.RelativeItem(), "Held by orders", s.Total(f => f.Held));
                    KeyFigure(row.RelativeItem(), "Not yet spent", s.Total(f => f.Unspent));
                });
                FundsStatementLayout.Summary(col.Item(), s.Streams, showPool: false);
                FundsStatementLayout.StreamAccounts(col, s.Streams, showPool: false);
                FundsStatementLayout.Challenge(col.Item(), s.AreaName);
            }))
            .PageNumberFooter($"{s.Pool} · {period}"));
    }
}

/// <summary>
/// A funding partner's statement as a PDF (DOMAIN.md §3.5, R3, R6): each of its streams in each pool,
/// what it contributed, what was spent on services and outcomes against what it expected, what is held
/// and what is left, with the same two accounts per stream as the pool statement.
/// </summary>
public static class PartnerStatementDocument
{
    /// <summary>The statement's title.</summary>
    public static string Title(PartnerStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"Funding partner statement {statement.Agency}, {Period(statement.From, statement.To)}";
    }

    /// <summary>Lays the statement out.</summary>
    public static Document Build(PartnerStatement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var period = Period(s.From, s.To);
        var metadata = new DocumentMetadata(Title(s), $"{s.AreaName} – Ledger", $"Funding partner statement for {period}", DatedAt(s.To));
        return Document.Create(metadata).Page(p => p
            .DefaultTextStyle(t => t.WithSize(9.5f))
            .Header(h => StatementStyle.Header(h, "Funding partner statement", $"{period} · as at {Day(s.To)}", 250, s.AreaName, s.AgencyName,
                $"{s.AgencyKind} · partner {s.Agency}"))
            .Content(c => c.Column(col =>
            {
                col.Spacing(9);
                col.Item().Text($"What happened to the money {s.AgencyName} put into {s.AreaName}'s pooled budgets this financial year. Your money keeps "
                    + "its funding stream wherever it goes: spent only on what the stream allows, and returned or carried forward at year end as "
                    + $"the stream's rule says. Every figure is read from the ledger as at {Day(s.To)}.");
                if (s.Streams.Count == 0)
                {
                    col.Item().Text("You have no funding streams in a pool this financial year, so there is nothing to report.");
                }
                else
                {
                    col.Item().Row(row =>
                    {
                        row.Spacing(8);
                        KeyFigure(row.RelativeItem(), "Contributed this year", s.Total(f => f.ContributedToDate));
                        KeyFigure(row.RelativeItem(), "Spent to date", s.Total(f => f.SpentToDate));
                        KeyFigure(row.RelativeItem(), "Held by orders", s.Total(f => f.Held));
                        KeyFigure(row.RelativeItem(), "Not yet spent", s.Total(f => f.Unspent));
                    });
                    FundsStatementLayout.Summary(col.Item(), s.Streams, showPool: true);
                    FundsStatementLayout.StreamAccounts(col, s.Streams, showPool: true);
                }

                FundsStatementLayout.Challenge(col.Item(), s.AreaName);
            }))
            .PageNumberFooter($"{s.Agency} · {period}"));
    }
}

/// <summary>The parts the pool and partner statements share.</summary>
internal static class FundsStatementLayout
{
    // One row per stream: where its money is now, and how spend compares with what the stream expected (R6).
    public static void Summary(Container container, IReadOnlyList<StreamFlows> streams, bool showPool) => container.Table(t =>
    {
        t.Columns(x =>
        {
            x.Relative(2);
            foreach (var _ in Enumerable.Range(0, 6))
            {
                x.Fixed(68, TextAlignment.Right);
            }
        });
        t.Header(h =>
        {
            h.Cell(showPool ? "Pool · stream" : "Stream").FontSize(8.5f);
            h.Cell("Contributed").FontSize(8.5f);
            h.Cell("Unallocated").FontSize(8.5f);
            h.Cell("In budgets").FontSize(8.5f);
            h.Cell("Held").FontSize(8.5f);
            h.Cell("Spent to date").FontSize(8.5f);
            h.Cell("Expected").FontSize(8.5f);
        });
        foreach (var f in streams)
        {
            t.Row(r =>
            {
                r.Cell(showPool ? $"{f.Pool} · {f.Stream}" : $"{f.Stream} ({f.Agency})").FontSize(8.5f);
                r.Cell(Pounds(f.ContributedToDate)).FontSize(8.5f);
                r.Cell(Pounds(f.PoolClosing)).FontSize(8.5f);
                r.Cell(Pounds(f.BudgetsClosing)).FontSize(8.5f);
                r.Cell(Pounds(f.Held)).FontSize(8.5f);
                r.Cell(Pounds(f.SpentToDate)).FontSize(8.5f);
                r.Cell(Pounds(f.ExpectedSpend)).FontSize(8.5f);
            });
        }

        t.Zebra();
        t.TotalRow(r =>
        {
            Money Sum(Func<StreamFlows, Money> figure) => streams.Aggregate(Money.Zero, (sum, f) => sum + figure(f));
            r.Cell("Total").FontSize(8.5f);
            r.Cell(Pounds(Sum(f => f.ContributedToDate))).FontSize(8.5f);
            r.Cell(Pounds(Sum(f => f.PoolClosing))).FontSize(8.5f);
            r.Cell(Pounds(Sum(f => f.BudgetsClosing))).FontSize(8.5f);
            r.Cell(Pounds(Sum(f => f.Held))).FontSize(8.5f);
            r.Cell(Pounds(Sum(f => f.SpentToDate))).FontSize(8.5f);
            r.Cell(Pounds(StreamFlows.ExpectedOnce(streams))).FontSize(8.5f);
        });
    });

    // Each stream's two accounts side by side, from opening to closing balance; a line with nothing on it is left out, "Other" only when a correction moved money.
    public static void StreamAccounts(ColumnDescriptor col, IReadOnlyList<StreamFlows> streams, bool showPool)
    {
        foreach (var f in streams)
        {
            col.Item().KeepTogether().Border(0.5f, Colors.LightGrey).Padding(6).Column(box =>
            {
                box.Spacing(4);
                box.Item().Text((showPool ? $"{f.PoolName} ({f.Pool}) · " : string.Empty) + $"{f.Stream} {f.StreamName} · partner {f.Agency}").Bold();
                box.Item().Row(row =>
                {
                    row.Spacing(14);
                    Account(row.RelativeItem(), "Unallocated in the pool",
                    [
                        ("Opening balance", f.PoolOpening, true),
                        ("+ contributed", f.Contributed, false),
                        ("− allocated to budgets", f.Allocated, false),
                        ("− outcome payments (net of clawbacks)", f.OutcomePayments, false),
                        ("− returned at year end", f.ReturnedFromPool, false),
                        ("± other corrections", f.PoolOther, false),
                    ], ("Closing balance", f.PoolClosing));
                    Account(row.RelativeItem(), "In the budgets it funds",
                    [
                        ("Opening balance", f.BudgetsOpening, true),
                        ("+ allocated in", f.AllocatedIn, false),
                        ("− spent on services", f.Spent, false),
                        ("− returned at year end", f.ReturnedFromBudgets, false),
                        ("− carried forward (net)", f.CarriedForward, false),
                        ("± other corrections", f.BudgetsOther, false),
                    ], ("Closing balance", f.BudgetsClosing), [("of which held by orders", f.Held), ("available to spend", f.AvailableInBudgets)]);
                });
                var acrossPools = streams.Where(x => x.Stream == f.Stream).Aggregate(Money.Zero, (sum, x) => sum + x.SpentToDate);
                var expected = f.ExpectedSpend.IsZero ? $"{Pounds(f.SpentToDate)}; no expected spend was recorded"
                    : acrossPools == f.SpentToDate ? $"{Pounds(f.SpentToDate)} of the {Pounds(f.ExpectedSpend)} expected this year ({Percent(f.SpentToDate, f.ExpectedSpend)})"
                    : $"{Pounds(f.SpentToDate)} from this pool; {Pounds(acrossPools)} across its pools, of the {Pounds(f.ExpectedSpend)} expected this year ({Percent(acrossPools, f.ExpectedSpend)})";
                box.Item().Text($"Spent to date on services and outcomes: {expected}."
                    + (string.IsNullOrWhiteSpace(f.ExpectedOutcome) ? string.Empty : $" Expected to buy: {f.ExpectedOutcome}.")).FontSize(8.5f).FontColor(Colors.DarkGrey);
            });
        }
    }

    public static void Challenge(Container container, string areaName) => container.KeepTogether().Column(section =>
    {
        section.Spacing(4);
        section.Item().Text("Questions and challenges").FontSize(12).Bold();
        section.Item().Text($"Ask {areaName}'s pooled budget manager about any figure within 28 days, quoting the pool and stream. Each figure can be "
            + "traced to the ledger entries behind it; the pilot board reviews the pool's position each quarter.");
    });

    private static void Account(Container container, string title, (string Label, Money Amount, bool Always)[] lines, (string Label, Money Amount) closing,
        (string Label, Money Amount)[]? after = null) => container.Column(col =>
    {
        col.Spacing(1);
        col.Item().Text(title).FontSize(9).Bold();
        foreach (var (label, amount, always) in lines.Where(l => l.Always || !l.Amount.IsZero))
        {
            Line(col.Item(), label, amount, bold: false);
        }

        col.Item().LineHorizontal(0.5f, Colors.LightGrey);
        Line(col.Item(), closing.Label, closing.Amount, bold: true);
        foreach (var (label, amount) in after ?? [])
        {
            Line(col.Item(), label, amount, bold: false);
        }
    });

    private static void Line(Container container, string label, Money amount, bool bold) => container.Row(row =>
    {
        var text = row.RelativeItem().Text(label).FontSize(8.5f);
        row.FixedItem(72).Text(t =>
        {
            var figure = t.Align(TextAlignment.Right).Span(Pounds(amount)).FontSize(8.5f);
            if (bold)
            {
                figure.Bold();
            }
        });
        if (bold)
        {
            text.Bold();
        }
    });

    private static string Percent(Money part, Money whole) =>
        whole.IsZero ? "-" : (part.Pence * 100m / whole.Pence).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
