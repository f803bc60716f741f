using System.Globalization;
using System.Text;

namespace Ledger.Benchmarks;

/// <summary>Whether a bigger ratio is better (throughput) or a smaller one (time).</summary>
internal enum Better
{
    Higher,
    Lower,
}

/// <summary>
/// One row of the results: the baseline and Ledger measured in the same run on the same database,
/// and the ratio Ledger / baseline against the target.
/// </summary>
/// <param name="Id">P1…P5 and a suffix, e.g. "P1 spread".</param>
/// <param name="What">What was measured, in a few words.</param>
/// <param name="Baseline">What the baseline is.</param>
/// <param name="BaselineValue">The baseline's figure.</param>
/// <param name="LedgerValue">Ledger's figure.</param>
/// <param name="Unit">The figures' unit, e.g. "holds/s".</param>
/// <param name="Target">The target ratio (Ledger / baseline).</param>
/// <param name="Direction">Whether the ratio should be at least or at most the target.</param>
/// <param name="Notes">Anything else measured: latency percentiles, bytes, peak memory, verify.</param>
internal sealed record BenchRow(string Id, string What, string Baseline, double BaselineValue, double LedgerValue, string Unit,
    double Target, Better Direction, string Notes = "")
{
    public double Ratio => BaselineValue == 0 ? double.NaN : LedgerValue / BaselineValue;

    public bool Met => Direction == Better.Higher ? Ratio >= Target : Ratio <= Target;

    public string TargetText => (Direction == Better.Higher ? "≥ " : "≤ ") + BenchTable.Format(Target) + "×";
}

/// <summary>Prints the rows as a plain table (console) or as Markdown (README).</summary>
internal static class BenchTable
{
    private static readonly string[] Headings = ["Row", "Measured", "Baseline", "Baseline", "Ledger", "Unit", "Ratio", "Target", "Met", "Notes"];

    public static string Text(IReadOnlyList<BenchRow> rows)
    {
        var cells = rows.Select(Cells).Prepend(Headings).ToList();
        var widths = Enumerable.Range(0, Headings.Length).Select(i => cells.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, index) in cells.Select((r, i) => (r, i)))
        {
            text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            if (index == 0)
            {
                text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<BenchRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headings) + " |");
        text.AppendLine("|" + string.Concat(Headings.Select(_ => "---|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", Cells(row).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return text.ToString();
    }

    public static string Format(double value) => value switch
    {
        double.NaN => "–",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    private static string[] Cells(BenchRow r) =>
        [r.Id, r.What, r.Baseline, Format(r.BaselineValue), Format(r.LedgerValue), r.Unit, Format(r.Ratio) + "×", r.TargetText, r.Met ? "yes" : "NO", r.Notes];
}
