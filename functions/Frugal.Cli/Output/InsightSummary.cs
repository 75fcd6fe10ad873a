using System.Text;
using Frugal.Engine.Insights;
using Frugal.Engine.Notifications;

namespace Frugal.Cli.Output;

/// <summary>The report's headline for the terminal: the period, its total and each recommendation in brief.</summary>
internal static class InsightSummary
{
    public static string Text(InsightReport report)
    {
        var text = new StringBuilder();
        text.Append("Period ").Append(report.Period).Append(": ")
            .Append(Money(report.Total)).Append(" (previous period ").Append(Money(report.PreviousTotal)).Append(")\n");
        foreach (var other in report.OtherCurrencies)
        {
            text.Append("  also ").Append(Money(other)).Append(", not counted in the figures\n");
        }

        text.Append("Untagged (no '").Append(report.Untagged.Tag).Append("' tag): ")
            .Append(Money(report.Untagged.Cost));
        if (report.Untagged.Credits.Amount != 0m)
        {
            text.Append(" (untagged credits ").Append(Money(report.Untagged.Credits)).Append(" not counted)");
        }

        text.Append('\n');
        if (!report.Inference.Reported)
        {
            text.Append("Inference: ").Append(report.Inference.Note).Append('\n');
        }

        foreach (var note in report.Notes)
        {
            text.Append("Note: ").Append(note).Append('\n');
        }

        text.Append(report.Recommendations.Count == 0 ? "No recommendations.\n" : "Recommendations:\n");
        foreach (var r in report.Recommendations)
        {
            text.Append("- ").Append(r.Title).Append(": ").Append(r.MonthlySavingText).Append('\n');
            if (r.PolicySnippet is { } snippet)
            {
                text.Append("  add to the policy:\n");
                foreach (var line in snippet.Split('\n'))
                {
                    text.Append("    ").Append(line).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Money(Engine.Money.Money money) => NotificationText.Money(money.Amount, money.Currency.Code);
}
