using Frugal.Engine.Insights;
using ScottPlot;

namespace Frugal.Notifications.Insights;

/// <summary>The report's charts as SVG markup, to inline in the HTML: no external assets, no script.</summary>
internal static class InsightCharts
{
    public const int Width = 720;
    public const int Height = 320;

    /// <summary>Spend per day of the period against the same day of the period before.</summary>
    public static string Daily(InsightReport report)
    {
        var plot = new Plot();
        var days = report.Daily.Select((_, i) => (double)(i + 1)).ToArray();
        var current = plot.Add.Scatter(days, report.Daily.Select(d => (double)d.Current).ToArray());
        current.LegendText = "this period";
        current.LineWidth = 2;
        current.MarkerSize = 0;
        var previous = plot.Add.Scatter(days, report.Daily.Select(d => (double)d.Previous).ToArray());
        previous.LegendText = "previous period";
        previous.LinePattern = LinePattern.Dashed;
        previous.MarkerSize = 0;
        plot.Title("Spend per day");
        plot.XLabel("day of period");
        plot.YLabel(report.Currency.Code);
        plot.Axes.SetLimitsY(0, Math.Max(1, report.Daily.Max(d => (double)Math.Max(d.Current, d.Previous))) * 1.1);
        plot.ShowLegend(Alignment.LowerRight);
        return Inline(plot.GetSvgXml(Width, Height));
    }

    /// <summary>One breakdown as horizontal bars, largest on top.</summary>
    public static string Bars(SpendBreakdown breakdown, string currency)
    {
        var plot = new Plot();
        var top = breakdown.Top.Reverse().ToArray();
        var bars = top.Select((share, i) => new Bar { Position = i, Value = (double)share.Cost.Amount }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        plot.Axes.Left.SetTicks([.. top.Select((_, i) => (double)i)], [.. top.Select(s => Short(s.Key))]);
        plot.Title($"Spend by {breakdown.By}");
        plot.XLabel(currency);
        plot.Axes.Margins(left: 0);
        return Inline(plot.GetSvgXml(Width, Math.Max(Height / 2, 40 + (28 * top.Length))));
    }

    // An XML declaration is not allowed inside HTML; the <svg> element itself is.
    private static string Inline(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static string Short(string key) => key.Length <= 40 ? key : "…" + key[^39..];
}
