using System.Globalization;
using Ledger.Domain;
using Ledger.Reports.Pdf;
using NodaTime;

namespace Ledger.Reports.Statements;

/// <summary>What every statement shares: how money and dates are written, the key-figure box, and the document date.</summary>
public static class StatementStyle
{
    /// <summary>Pounds with a thousands separator and a real minus sign, e.g. "£1,234.50", "−£20.00".</summary>
    public static string Pounds(Money money) => (money.IsNegative ? "−£" : "£") + (Math.Abs(money.Pence) / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A date as people write it, e.g. "1 Jun 2026".</summary>
    public static string Day(LocalDate day) => day.ToString("d MMM uuuu", CultureInfo.InvariantCulture);

    /// <summary>A month, e.g. "June 2026".</summary>
    public static string Month(LocalDate day) => day.ToString("MMMM uuuu", CultureInfo.InvariantCulture);

    /// <summary>"June 2026" for a whole month, else "1 Jun 2026 to 15 Jun 2026".</summary>
    public static string Period(LocalDate first, LocalDate last) =>
        first.Day == 1 && last == first.PlusMonths(1).PlusDays(-1) ? Month(last) : $"{Day(first)} to {Day(last)}";

    /// <summary>The instant a statement is dated: the start of the day after its period, in Europe/London (so the same data gives the same bytes).</summary>
    public static Instant DatedAt(LocalDate lastDay) => Domain.Calendar.London.StartOf(lastDay.PlusDays(1));

    /// <summary>A statement's page header: the title and period on the left, who and what it is for on the right (one line each).</summary>
    public static void Header(Container container, string title, string period, float width, params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(lines);
        container.Row(row =>
        {
            row.RelativeItem().Column(col =>
            {
                col.Item().Text(title).FontSize(17).Bold();
                col.Item().Text(period).FontColor(Colors.DarkGrey);
            });
            row.FixedItem(width).Text(t =>
            {
                t.Align(TextAlignment.Right).FontSize(9);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (i < lines.Length - 1)
                    {
                        t.Line(lines[i]);
                    }
                    else
                    {
                        t.Span(lines[i]);
                    }
                }
            });
        });
    }

    /// <summary>A labelled figure in a shaded box.</summary>
    public static void KeyFigure(Container container, string label, Money amount)
    {
        ArgumentNullException.ThrowIfNull(container);
        container.Background(Colors.LightGrey).Padding(6).Column(col =>
        {
            col.Item().Text(label).FontSize(8).FontColor(Colors.DarkGrey);
            col.Item().Text(Pounds(amount)).FontSize(12).Bold();
        });
    }
}
