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
