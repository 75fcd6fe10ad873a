using System.Globalization;

namespace Frugal.Engine.Insights;

/// <summary>
/// Serving whose quietest hours of the day cost nearly as much as its busiest: it never scales below the floor it
/// needs at peak, and an off-peak schedule would lower it. Needs hourly charge periods; daily exports show no hours.
/// </summary>
internal static class ServingFloorRule
{
    public static IEnumerable<Recommendation> Find(PeriodSpend spend, InsightOptions options)
    {
        var serving = spend.Lines
            .Where(l => l.IsCompute && Recommendations.IsOneOf(l.Team, options.ServingTeams))
            .GroupBy(l => (Project: l.Project ?? SpendBreakdowns.None, Service: l.Service ?? SpendBreakdowns.None,
                Model: l.Model ?? SpendBreakdowns.None))
            .OrderBy(g => g.Key.Project, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Service, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Model, StringComparer.Ordinal);
        foreach (var group in serving)
        {
            if (!group.Any(l => l.ChargePeriodStart.UtcDateTime.TimeOfDay != TimeSpan.Zero))
            {
                continue;
            }

            var profile = HourProfile.Of(group, options.OffPeakHours);
            if (profile.Peak > 0m && profile.QuietAverage / profile.Peak >= options.FlatFloorShare)
            {
                yield return Recommend(spend, group.Key, [.. group], profile, options);
            }
        }
    }

    private static Recommendation Recommend(
        PeriodSpend spend, (string Project, string Service, string Model) key, IReadOnlyList<CostLine> lines,
        HourProfile profile, InsightOptions options)
    {
        var quiet = new Money.Money(profile.QuietTotal, spend.Currency);
        var evidence = new List<string>
        {
            $"{key.Service} in {key.Project} for {key.Model}: busiest hour of day {Hour(profile.PeakHour)} UTC cost " +
            $"{InsightText.Money(new(profile.Peak, spend.Currency))} over the period",
            $"quietest {options.OffPeakHours} hours ({Hour(profile.QuietFrom)}-{Hour(profile.QuietTo)} UTC) cost " +
            $"{InsightText.Money(new(profile.QuietAverage, spend.Currency))} an hour of day on average: " +
            $"{InsightText.Percent(profile.QuietAverage / profile.Peak)} of the peak",
            $"those hours cost {InsightText.Money(quiet)} in all over {InsightText.Days(spend.Period)}",
        };
        return new Recommendation(
            RecommendationKind.ServingFloor,
            $"Lower the serving floor of {key.Model} off-peak",
            evidence,
            new Money.Money(spend.Period.PerMonth(profile.QuietTotal * options.OffPeakCut), spend.Currency),
            $"serving compute rows (tag '{options.TeamTag}' one of {string.Join(", ", options.ServingTeams)}) " +
            "summed per UTC hour of day; the quietest window of " +
            $"{options.OffPeakHours} consecutive hours, if its capacity were cut by " +
            $"{InsightText.Percent(options.OffPeakCut)}, times 30 / {InsightText.Number(spend.Period.Days)} days",
            "add the autoscaling rule below (adjust select to the serving deployment) and check it with " +
            "'frugal autoscale plan'",
            Snippet(key.Model, lines.Select(l => l.Cluster).FirstOrDefault(c => c is not null) ?? key.Project,
                profile));
    }

    private static string Snippet(string model, string cluster, HourProfile profile) =>
        $"""
        autoscaling:
          rules:
            - name: {model}-off-peak
              select:
                clusters: [{cluster}]
                labelSelector: "app.kubernetes.io/name={model}"
              schedules:
                - timeZone: Etc/UTC
                  days: [mon, tue, wed, thu, fri, sat, sun]
                  from: "{Hour(profile.QuietFrom)}"
                  to: "{Hour(profile.QuietTo)}"
                  minReplicas: 1
        """;

    private static string Hour(int hour) => (hour % 24).ToString("00", CultureInfo.InvariantCulture) + ":00";
}

/// <summary>Spend per UTC hour of day over a period, its peak and its quietest window of consecutive hours.</summary>
internal sealed record HourProfile(int PeakHour, decimal Peak, int QuietFrom, int QuietTo, decimal QuietTotal,
    decimal QuietAverage)
{
    public static HourProfile Of(IEnumerable<CostLine> lines, int window)
    {
        var hours = new decimal[24];
        foreach (var line in lines)
        {
            hours[line.ChargePeriodStart.UtcDateTime.Hour] += line.Cost.Amount;
        }

        var peakHour = Array.IndexOf(hours, hours.Max());
        var (quietFrom, quietTotal) = (0, decimal.MaxValue);
        for (var start = 0; start < 24; start++)
        {
            var total = Enumerable.Range(start, window).Sum(h => hours[h % 24]);
            if (total < quietTotal)
            {
                (quietFrom, quietTotal) = (start, total);
            }
        }

        return new HourProfile(peakHour, hours[peakHour], quietFrom, (quietFrom + window) % 24, quietTotal,
            quietTotal / window);
    }
}
