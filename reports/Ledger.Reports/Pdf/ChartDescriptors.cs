using Ledger.Reports.Pdf.Elements;

namespace Ledger.Reports.Pdf;

/// <summary>Builds a bar chart: one bar per category, from zero (negative values hang below the axis).</summary>
public sealed class BarChartDescriptor
{
    private readonly BarChart chart;

    internal BarChartDescriptor(BarChart chart) => this.chart = chart;

    /// <summary>Adds a bar.</summary>
    /// <param name="label">The category label under it (shortened with "…" if too wide).</param>
    /// <param name="value">Its value.</param>
    /// <param name="color">Its colour, if not the chart's.</param>
    /// <returns>This descriptor.</returns>
    public BarChartDescriptor Bar(string label, double value, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        chart.Bars.Add((label, double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A bar needs a finite value."), color));
        return this;
    }

    /// <summary>The bars' colour.</summary>
    /// <param name="color">The colour.</param>
    /// <returns>This descriptor.</returns>
    public BarChartDescriptor BarColor(Color color)
    {
        chart.BarColor = color;
        return this;
    }

    /// <summary>The chart's height including labels (180 pt by default).</summary>
    /// <param name="points">Points.</param>
    /// <returns>This descriptor.</returns>
    public BarChartDescriptor Height(float points)
    {
        chart.Height = Check.Positive(points, nameof(points));
        return this;
    }

    /// <summary>How the value axis's ticks are written (e.g. <c>v => $"£{v:#,0}"</c>).</summary>
    /// <param name="format">Formats a tick value.</param>
    /// <returns>This descriptor.</returns>
    public BarChartDescriptor AxisFormat(Func<double, string> format)
    {
        chart.AxisFormat = format ?? throw new ArgumentNullException(nameof(format));
        return this;
    }

    /// <summary>Writes each bar's value above it, formatted so.</summary>
    /// <param name="format">Formats a value.</param>
    /// <returns>This descriptor.</returns>
    public BarChartDescriptor ValueLabels(Func<double, string> format)
    {
        chart.ValueFormat = format ?? throw new ArgumentNullException(nameof(format));
        return this;
    }
}

/// <summary>Builds a line chart: one or more series over shared categories, with a legend.</summary>
public sealed class LineChartDescriptor
{
    private readonly LineChart chart;

    internal LineChartDescriptor(LineChart chart) => this.chart = chart;

    /// <summary>The categories along the bottom, left to right.</summary>
    /// <param name="names">Their labels.</param>
    /// <returns>This descriptor.</returns>
    public LineChartDescriptor Categories(params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        chart.SetCategories(names);
        return this;
    }

    /// <summary>Adds a series: one value per category (extra values are ignored).</summary>
    /// <param name="name">Its name in the legend.</param>
    /// <param name="values">Its values.</param>
    /// <param name="color">Its colour; the next of <see cref="Colors.Series"/> if not given.</param>
    /// <returns>This descriptor.</returns>
    public LineChartDescriptor Series(string name, IEnumerable<double> values, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (list.Exists(v => !double.IsFinite(v)))
        {
            throw new ArgumentOutOfRangeException(nameof(values), "A series needs finite values.");
        }

        chart.Series.Add((name, list, color ?? Colors.Series[chart.Series.Count % Colors.Series.Count]));
        return this;
    }

    /// <summary>The chart's height including labels and legend (180 pt by default).</summary>
    /// <param name="points">Points.</param>
    /// <returns>This descriptor.</returns>
    public LineChartDescriptor Height(float points)
    {
        chart.Height = Check.Positive(points, nameof(points));
        return this;
    }

    /// <summary>How the value axis's ticks are written.</summary>
    /// <param name="format">Formats a tick value.</param>
    /// <returns>This descriptor.</returns>
    public LineChartDescriptor AxisFormat(Func<double, string> format)
    {
        chart.AxisFormat = format ?? throw new ArgumentNullException(nameof(format));
        return this;
    }

    /// <summary>Writes each point's value above it, formatted so.</summary>
    /// <param name="format">Formats a value.</param>
    /// <returns>This descriptor.</returns>
    public LineChartDescriptor ValueLabels(Func<double, string> format)
    {
        chart.ValueFormat = format ?? throw new ArgumentNullException(nameof(format));
        return this;
    }
}
