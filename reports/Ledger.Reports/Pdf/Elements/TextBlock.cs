using System.Globalization;
using System.Text;

namespace Ledger.Reports.Pdf.Elements;

/// <summary>One span of a paragraph: fixed text, or text made per page (page numbers).</summary>
internal sealed class TextSpan(string? text, Func<LayoutContext, string>? dynamicText)
{
    public TextStyleOverride Style { get; } = new();

    public bool IsDynamic => dynamicText is not null;

    public string TextFor(LayoutContext context) => dynamicText?.Invoke(context) ?? text ?? "";
}

/// <summary>A laid-out run on a line: text in one style at an x offset.</summary>
internal readonly record struct LineRun(string Text, TextStyle Style, float X, float Width);

/// <summary>A laid-out line.</summary>
internal sealed record TextLine(IReadOnlyList<LineRun> Runs, float Width, float Height, float Baseline);

/// <summary>
/// A paragraph of spans in mixed styles, wrapped at spaces to the available width (a word longer than
/// a line is broken between characters), with hard breaks at '\n'. Splits between lines across pages.
/// </summary>
internal sealed class TextBlock : Element
{
    private readonly List<TextSpan> spans = [];
    private IReadOnlyList<TextLine>? cachedLines;
    private float cachedWidth = float.NaN;
    private TextStyle? cachedStyle;
    private int firstLine;

    /// <summary>Null: left, or the table column's alignment for a table cell.</summary>
    public TextAlignment? Alignment { get; set; }

    public TextStyleOverride BlockStyle { get; } = new();

    public TextSpan Add(TextSpan span)
    {
        spans.Add(span);
        cachedLines = null;
        return span;
    }

    public override void ResetState() => firstLine = 0;

    public override SpacePlan Measure(Size available, LayoutContext context)
    {
        var lines = Lines(available.Width, context);
        var (count, height) = Fitting(lines, available.Height);
        if (firstLine >= lines.Count)
        {
            return SpacePlan.Empty;
        }

        if (count == 0)
        {
            return SpacePlan.Wrap;
        }

        var width = float.IsFinite(available.Width) ? available.Width : lines.Max(l => l.Width);
        return firstLine + count == lines.Count ? SpacePlan.Full(width, height) : SpacePlan.Partial(width, height);
    }

    public override void Draw(Size available, LayoutContext context)
    {
        var lines = Lines(available.Width, context);
        var (count, _) = Fitting(lines, available.Height);
        var y = 0f;
        for (var i = firstLine; i < firstLine + count; i++)
        {
            var line = lines[i];
            var shift = Alignment switch
            {
                TextAlignment.Right when float.IsFinite(available.Width) => available.Width - line.Width,
                TextAlignment.Center when float.IsFinite(available.Width) => (available.Width - line.Width) / 2,
                _ => 0f,
            };
            foreach (var run in line.Runs)
            {
                context.Canvas.DrawText(run.Text, new Point(shift + run.X, y + line.Baseline), run.Style);
            }

            y += line.Height;
        }

        firstLine += count;
    }

    /// <summary>The lines for a width (for tests and measuring).</summary>
    internal IReadOnlyList<TextLine> Lines(float width, LayoutContext context)
    {
        var dynamic = spans.Exists(s => s.IsDynamic);
        if (!dynamic && cachedLines is not null && cachedWidth.Equals(width) && ReferenceEquals(cachedStyle, context.DefaultTextStyle))
        {
            return cachedLines;
        }

        var lines = new LineBreaker(context, width).Break(Pieces(context));
        if (!dynamic)
        {
            cachedLines = lines;
            cachedWidth = width;
            cachedStyle = context.DefaultTextStyle;
        }

        return lines;
    }

    private (int Count, float Height) Fitting(IReadOnlyList<TextLine> lines, float availableHeight)
    {
        var height = 0f;
        var count = 0;
        for (var i = firstLine; i < lines.Count; i++)
        {
            if (!Fits(height + lines[i].Height, availableHeight))
            {
                break;
            }

            height += lines[i].Height;
            count++;
        }

        return (count, height);
    }

    private List<(string Text, TextStyle Style)> Pieces(LayoutContext context)
    {
        var blockStyle = BlockStyle.ApplyTo(context.DefaultTextStyle);
        var pieces = new List<(string, TextStyle)>(spans.Count);
        foreach (var span in spans)
        {
            pieces.Add((context.Printable(span.TextFor(context).Replace("\r\n", "\n", StringComparison.Ordinal)), span.Style.ApplyTo(blockStyle)));
        }

        if (pieces.Count == 0)
        {
            pieces.Add(("", blockStyle));
        }

        return pieces;
    }

    /// <summary>Greedy line breaking over styled pieces; breaks only at spaces and '\n'.</summary>
    private sealed class LineBreaker(LayoutContext context, float maxWidth)
    {
        private readonly List<TextLine> lines = [];
        private readonly List<(string Text, TextStyle Style)> line = [];
        private readonly List<(string Text, TextStyle Style)> word = [];
        private readonly List<(string Text, TextStyle Style)> pendingSpaces = [];
        private float lineWidth;
        private TextStyle lastStyle = TextStyle.Default;

        public List<TextLine> Break(List<(string Text, TextStyle Style)> pieces)
        {
            var anyText = false;
            foreach (var (text, style) in pieces)
            {
                lastStyle = style;
                var start = 0;
                for (var i = 0; i <= text.Length; i++)
                {
                    var end = i == text.Length;
                    var c = end ? '\0' : text[i];
                    if (!end && c != ' ' && c != '\n')
                    {
                        continue;
                    }

                    if (i > start)
                    {
                        word.Add((text[start..i], style));
                        anyText = true;
                    }

                    if (c == ' ')
                    {
                        PlaceWord();
                        pendingSpaces.Add((" ", style));
                    }
                    else if (c == '\n')
                    {
                        PlaceWord();
                        FinishLine(style);
                        anyText = true;
                    }

                    start = i + 1;
                }
            }

            PlaceWord();
            if (line.Count > 0 || (anyText && lines.Count == 0))
            {
                FinishLine(lastStyle);
            }

            return lines;
        }

        private float Width(string text, TextStyle style) => context.Measurer.MeasureWidth(text, style);

        private void PlaceWord()
        {
            if (word.Count == 0)
            {
                return;
            }

            var wordWidth = word.Sum(p => Width(p.Text, p.Style));
            var spaceWidth = pendingSpaces.Sum(p => Width(p.Text, p.Style));
            if (line.Count > 0 && !Fits(lineWidth + spaceWidth + wordWidth, maxWidth))
            {
                FinishLine(lastStyle);
            }

            if (line.Count > 0)
            {
                line.AddRange(pendingSpaces);
                lineWidth += spaceWidth;
            }

            pendingSpaces.Clear();
            if (!Fits(wordWidth, maxWidth))
            {
                PlaceLongWord();
            }
            else
            {
                line.AddRange(word);
                lineWidth += wordWidth;
            }

            word.Clear();
        }

        /// <summary>A word wider than a line: as many characters as fit on each line.</summary>
        private void PlaceLongWord()
        {
            foreach (var (text, style) in word)
            {
                var chunk = new StringBuilder();
                var enumerator = StringInfo.GetTextElementEnumerator(text);
                while (enumerator.MoveNext())
                {
                    var element = enumerator.GetTextElement();
                    var candidate = chunk + element;
                    if (!Fits(lineWidth + Width(candidate, style), maxWidth) && (chunk.Length > 0 || line.Count > 0))
                    {
                        if (chunk.Length > 0)
                        {
                            var done = chunk.ToString();
                            line.Add((done, style));
                            lineWidth += Width(done, style);
                        }

                        FinishLine(style);
                        chunk.Clear();
                    }

                    chunk.Append(element);
                }

                if (chunk.Length > 0)
                {
                    var rest = chunk.ToString();
                    line.Add((rest, style));
                    lineWidth += Width(rest, style);
                }
            }
        }

        private void FinishLine(TextStyle styleIfEmpty)
        {
            // Merge neighbouring pieces of one style into a run, so a line is drawn in few calls.
            var runs = new List<LineRun>();
            var x = 0f;
            var text = new StringBuilder();
            TextStyle? style = null;
            foreach (var (pieceText, pieceStyle) in line)
            {
                if (style is not null && !style.Equals(pieceStyle))
                {
                    x = AddRun(runs, text, style, x);
                }

                style = pieceStyle;
                text.Append(pieceText);
            }

            if (style is not null)
            {
                AddRun(runs, text, style, x);
            }

            var styles = runs.Count == 0 ? [styleIfEmpty] : runs.Select(r => r.Style).ToList();
            var height = styles.Max(s => s.LinePitch);
            var metrics = styles.Select(context.Measurer.GetMetrics).ToList();
            var ascent = metrics.Max(m => m.Ascent);
            var descent = metrics.Max(m => m.Descent);
            var baseline = ((height - (ascent + descent)) / 2) + ascent;
            var width = runs.Count == 0 ? 0 : runs[^1].X + runs[^1].Width;
            lines.Add(new TextLine(runs, width, height, baseline));
            line.Clear();
            lineWidth = 0;
        }

        private float AddRun(List<LineRun> runs, StringBuilder text, TextStyle style, float x)
        {
            var s = text.ToString();
            text.Clear();
            var w = Width(s, style);
            runs.Add(new LineRun(s, style, x, w));
            return x + w;
        }
    }
}
