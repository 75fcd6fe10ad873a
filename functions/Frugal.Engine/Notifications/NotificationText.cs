using System.Globalization;
using System.Text;

namespace Frugal.Engine.Notifications;

/// <summary>
/// The plain-text form of a notification: what the log shows, Slack's fallback text and the email's text part.
/// Channels with richer formats build on the same wording so every channel says the same thing.
/// </summary>
public static class NotificationText
{
    /// <summary><c>USD 40,000</c> for whole amounts, <c>USD 36,812.50</c> otherwise.</summary>
    public static string Money(decimal amount, string currency)
    {
        var rounded = decimal.Round(amount, 2);
        return $"{currency} {rounded.ToString(rounded % 1 == 0 ? "#,0" : "#,0.00", CultureInfo.InvariantCulture)}";
    }

    /// <summary><c>92%</c>.</summary>
    public static string Percent(decimal fraction) => fraction.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>The spend line: <c>USD 36,800 of USD 40,000 (92%)</c>.</summary>
    public static string SpendLine(BudgetFacts budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return $"{Money(budget.Spend, budget.Currency)} of {Money(budget.Amount, budget.Currency)} " +
               $"({Percent(budget.SpendFraction)})";
    }

    public static string ForecastLine(BudgetFacts budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return $"{Money(budget.Forecast, budget.Currency)} ({Percent(budget.ForecastFraction)})";
    }

    public static string Render(NotificationEvent notification, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = new StringBuilder();
        text.AppendLine(notification.Headline).AppendLine(notification.Summary);
        if (notification.Budget is { } budget)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Budget: {budget.Name} ({budget.Period})")
                .AppendLine(CultureInfo.InvariantCulture, $"Spend: {SpendLine(budget)}")
                .AppendLine(CultureInfo.InvariantCulture, $"Forecast: {ForecastLine(budget)}");
            if (budget.Threshold is { } threshold)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Threshold: {threshold}");
            }
        }

        if (notification.Digest is { } digest)
        {
            AppendDigest(text, digest);
        }

        AppendSteps(text, notification.Steps);
        if (link is not null)
        {
            text.AppendLine().AppendLine(link);
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static void AppendSteps(StringBuilder text, IReadOnlyList<string> steps)
    {
        if (steps.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("What Frugal did or will do:");
        foreach (var step in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {step}");
        }
    }

    private static void AppendDigest(StringBuilder text, DigestFacts digest)
    {
        text.AppendLine();
        foreach (var budget in digest.Budgets)
        {
            var reached = budget.Reached.Count == 0 ? "none" : string.Join(", ", budget.Reached);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{budget.Name} ({budget.Period}): spend {SpendLine(budget)}, " +
                            $"forecast {ForecastLine(budget)}, thresholds reached: {reached}");
        }

        text.AppendLine().AppendLine("Actions today:");
        if (digest.Actions.Count == 0)
        {
            text.AppendLine("- none");
        }

        foreach (var action in digest.Actions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {action}");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Money saved: {digest.Savings}");
        if (digest.Recommendations.Count > 0)
        {
            text.AppendLine().AppendLine("Top recommendations (none acts by itself):");
            foreach (var line in digest.Recommendations)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }
        }
    }
}
