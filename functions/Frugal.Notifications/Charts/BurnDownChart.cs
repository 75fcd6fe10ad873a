using Frugal.Engine.Notifications;
using ScottPlot;

namespace Frugal.Notifications.Charts;

/// <summary>
/// Draws a budget's burn-down for the email digest: spend to date, day by day, the forecast from there to the end
/// of the period, and the budget line. ScottPlot draws with SkiaSharp, whose Linux build needs no system fonts or
/// libraries beyond the C library, so this works headless (in a container or the Functions host).
/// </summary>
public static class BurnDownChart
{
    public const int Width = 640;
    public const int Height = 300;

    public static byte[] RenderPng(BudgetFacts budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var plot = new Plot();
        var days = budget.LastDay.DayNumber - budget.FirstDay.DayNumber + 1;
        var (spentDays, spent) = Cumulative(budget.Daily);

        if (spent.Length > 0)
        {
            var line = plot.Add.Scatter(spentDays, spent);
            line.LegendText = "spend to date";
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }

        var lastDay = spentDays.Length > 0 ? spentDays[^1] : 0;
        var lastSpend = spent.Length > 0 ? spent[^1] : 0;
        var forecast = plot.Add.Scatter(new double[] { lastDay, days }, [lastSpend, (double)budget.Forecast]);
        forecast.LegendText = "forecast";
        forecast.LinePattern = LinePattern.Dashed;
        forecast.MarkerSize = 0;

        var limit = plot.Add.HorizontalLine((double)budget.Amount);
        limit.LegendText = "budget";
        limit.Color = Colors.Red;

        plot.Title($"{budget.Name} ({budget.Period})");
        plot.XLabel("day of period");
        plot.YLabel(budget.Currency);
        plot.Axes.SetLimitsX(0, days);
        plot.Axes.SetLimitsY(0, Math.Max((double)budget.Amount, (double)budget.Forecast) * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static (double[] Days, double[] Totals) Cumulative(IReadOnlyList<decimal> daily)
    {
        var days = new double[daily.Count];
        var totals = new double[daily.Count];
        var total = 0m;
        for (var i = 0; i < daily.Count; i++)
        {
            total += daily[i];
            days[i] = i + 1;
            totals[i] = (double)total;
        }

        return (days, totals);
    }
}
