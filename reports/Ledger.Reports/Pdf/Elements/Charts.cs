using System.Globalization;

namespace Ledger.Reports.Pdf.Elements;

/// <summary>A value axis with "nice" ticks (1, 2, 2.5 or 5 × 10ⁿ) covering the data and zero.</summary>
internal sealed record ValueAxis(double Min, double Max, double Step)
{
    public static ValueAxis For(IEnumerable<double> values, int targetTicks = 5)
    {
        var list = values.Where(double.IsFinite).ToList();
        var min = Math.Min(0, list.Count == 0 ? 0 : list.Min());
        var max = Math.Max(0, list.Count == 0 ? 0 : list.Max());
        if (max - min < 1e-9)
        {
            max = min + 1;
        }

        // The smallest round step that covers the range in at most targetTicks + 1 intervals.
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10((max - min) / targetTicks)));
        while (true)
        {
            foreach (var factor in (double[])[1, 2, 2.5, 5])
            {
                var step = factor * magnitude;
                var low = Math.Floor((min / step) + 1e-9) * step;
                var high = Math.Ceiling((max / step) - 1e-9) * step;
                if ((high - low) / step <= targetTicks + 1 + 1e-9)
                {
                    return new ValueAxis(low, high, step);
                }
            }

            magnitude *= 10;
        }
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return Min + (i * Step);
        }
    }

    /// <summary>Maps a value to a y coordinate between <paramref name="top"/> and <paramref name="bottom"/>.</summary>
    public float Y(double value, float top, float bottom) =>
        (float)(bottom - ((value - Min) / (Max - Min) * (bottom - top)));
}

/// <summary>Shared layout of the vector charts: plot area, value axis with grid lines and labels, category labels.</summary>
internal abstract class Chart : AtomicElement
{
    private const float LabelGap = 4f;

    public float Height { get; set; } = 180f;

    public Func<double, string> AxisFormat { get; set; } = v => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    public Func<double, string>? ValueFormat { get; set; }

    public TextStyle LabelStyle { get; set; } = TextStyle.Default.WithSize(7.5f).WithColor(Colors.DarkGrey);

    protected abstract IReadOnlyList<string> Categories { get; }

    protected abstract IEnumerable<double> Values { get; }

    protected override Size Size(Size available, LayoutContext context) => new(available.Width, Height);

    protected override void DrawWhole(Size size, LayoutContext context)
    {
        var axis = ValueAxis.For(Values);
        var canvas = context.Canvas;
        var measurer = context.Measurer;
        var metrics = measurer.GetMetrics(LabelStyle);
        var lineHeight = LabelStyle.LinePitch;
        var tickLabels = axis.Ticks().Select(t => (Value: t, Text: context.Printable(AxisFormat(t)))).ToList();
        var axisWidth = tickLabels.Max(t => measurer.MeasureWidth(t.Text, LabelStyle)) + LabelGap;
        var plot = new Rect(
            axisWidth,
            (lineHeight * LegendLines) + (ValueFormat is null ? metrics.Ascent / 2 : lineHeight),
            size.Width - axisWidth,
            0);
        plot = plot with { Height = size.Height - plot.Y - lineHeight - LabelGap };

        foreach (var (value, text) in tickLabels)
        {
            var y = axis.Y(value, plot.Y, plot.Bottom);
            canvas.DrawLine(new Point(plot.X, y), new Point(plot.Right, y), value == 0 ? Colors.DarkGrey : Colors.LightGrey, value == 0 ? 0.75f : 0.5f);
            var w = measurer.MeasureWidth(text, LabelStyle);
            canvas.DrawText(text, new Point(plot.X - LabelGap - w, y + ((metrics.Ascent - metrics.Descent) / 2)), LabelStyle);
        }

        canvas.DrawLine(new Point(plot.X, plot.Y), new Point(plot.X, plot.Bottom), Colors.DarkGrey, 0.75f);

        var slot = Categories.Count == 0 ? plot.Width : plot.Width / Categories.Count;
        for (var i = 0; i < Categories.Count; i++)
        {
            var label = Fit(context.Printable(Categories[i]), slot - 2, measurer);
            var w = measurer.MeasureWidth(label, LabelStyle);
            canvas.DrawText(label, new Point(plot.X + (slot * i) + ((slot - w) / 2), plot.Bottom + LabelGap + metrics.Ascent), LabelStyle);
        }

        DrawData(plot, axis, slot, context);
    }

    /// <summary>Legend lines above the plot (line charts with named series).</summary>
    protected virtual int LegendLines => 0;

    protected abstract void DrawData(Rect plot, ValueAxis axis, float slot, LayoutContext context);

    /// <summary>Draws a value label centred on <paramref name="x"/> just above (or below) <paramref name="y"/>.</summary>
    protected void DrawValueLabel(double value, float x, float y, bool below, LayoutContext context)
    {
        if (ValueFormat is null)
        {
            return;
        }

        var text = context.Printable(ValueFormat(value));
        var w = context.Measurer.MeasureWidth(text, LabelStyle);
        var metrics = context.Measurer.GetMetrics(LabelStyle);
        var baseline = below ? y + 2 + metrics.Ascent : y - 2 - metrics.Descent;
        context.Canvas.DrawText(text, new Point(x - (w / 2), baseline), LabelStyle);
    }

    /// <summary>Shortens a label with an ellipsis until it fits.</summary>
    private string Fit(string label, float width, ITextMeasurer measurer)
    {
        if (measurer.MeasureWidth(label, LabelStyle) <= width)
        {
            return label;
        }

        for (var n = label.Length - 1; n > 0; n--)
        {
            var shorter = label[..n].TrimEnd() + "…";
            if (measurer.MeasureWidth(shorter, LabelStyle) <= width)
            {
                return shorter;
            }
        }

        return "";
    }
}

/// <summary>A bar chart of one series: a filled rectangle per category from zero to the value.</summary>
internal sealed class BarChart : Chart
{
    public List<(string Label, double Value, Color? Color)> Bars { get; } = [];

    public Color BarColor { get; set; } = Colors.Blue;

    protected override IReadOnlyList<string> Categories => Bars.Select(b => b.Label).ToList();

    protected override IEnumerable<double> Values => Bars.Select(b => b.Value);

    protected override void DrawData(Rect plot, ValueAxis axis, float slot, LayoutContext context)
    {
        var zero = axis.Y(0, plot.Y, plot.Bottom);
        var barWidth = Math.Min(slot * 0.6f, 48f);
        for (var i = 0; i < Bars.Count; i++)
        {
            var (_, value, color) = Bars[i];
            var x = plot.X + (slot * i) + ((slot - barWidth) / 2);
            var y = axis.Y(value, plot.Y, plot.Bottom);
            var top = Math.Min(y, zero);
            context.Canvas.FillRect(new Rect(x, top, barWidth, Math.Abs(zero - y)), color ?? BarColor);
            DrawValueLabel(value, x + (barWidth / 2), y, below: value < 0, context);
        }

        context.Canvas.DrawLine(new Point(plot.X, zero), new Point(plot.Right, zero), Colors.DarkGrey, 0.75f);
    }
}

/// <summary>A line chart of one or more series over shared categories, with markers and a legend.</summary>
internal sealed class LineChart : Chart
{
    private readonly List<string> categories = [];

    public List<(string Name, IReadOnlyList<double> Values, Color Color)> Series { get; } = [];

    protected override IReadOnlyList<string> Categories => categories;

    protected override IEnumerable<double> Values => Series.SelectMany(s => s.Values);

    protected override int LegendLines => Series.Count > 1 || Series.Exists(s => s.Name.Length > 0) ? 1 : 0;

    public void SetCategories(IEnumerable<string> names)
    {
        categories.Clear();
        categories.AddRange(names);
    }

    protected override void DrawData(Rect plot, ValueAxis axis, float slot, LayoutContext context)
    {
        foreach (var (_, values, color) in Series)
        {
            var points = values
                .Take(categories.Count)
                .Select((v, i) => new Point(plot.X + (slot * i) + (slot / 2), axis.Y(v, plot.Y, plot.Bottom)))
                .ToList();
            context.Canvas.DrawPolyline(points, color, 1.5f);
            for (var i = 0; i < points.Count; i++)
            {
                context.Canvas.FillCircle(points[i], 2.25f, color);
                DrawValueLabel(values[i], points[i].X, points[i].Y, below: false, context);
            }
        }

        if (LegendLines > 0)
        {
            DrawLegend(plot, context);
        }
    }

    private void DrawLegend(Rect plot, LayoutContext context)
    {
        var metrics = context.Measurer.GetMetrics(LabelStyle);
        var x = plot.X;
        var baseline = metrics.Ascent;
        foreach (var (name, _, color) in Series)
        {
            var y = baseline - ((metrics.Ascent - metrics.Descent) / 2);
            context.Canvas.DrawLine(new Point(x, y), new Point(x + 14, y), color, 2f);
            var text = context.Printable(name);
            context.Canvas.DrawText(text, new Point(x + 18, baseline), LabelStyle);
            x += 18 + context.Measurer.MeasureWidth(text, LabelStyle) + 12;
        }
    }
}
