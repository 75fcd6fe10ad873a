using System.Globalization;
using Cronos;
using Frugal.Engine.Money;
using Frugal.Engine.Training;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads the <c>training</c> section: project, time zone, off-peak windows and holidays, limits, hourly rates and
/// the jobs the policy declares.
/// </summary>
internal static class TrainingReader
{
    private static readonly string[] Keys =
        ["project", "timeZone", "windows", "holidays", "limits", "currency", "rates", "jobs", "templates"];

    private static readonly string[] LimitKeys =
    [
        "maxConcurrentGpus", "zoneAttempts", "maxRestarts", "checkpointGracePeriod", "launchTimeout",
        "deadlineMargin",
    ];

    public static TrainingPolicy Read(PolicyNode? node, IReadOnlyList<string> budgets, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "training", context.Errors) is not { } mapping)
        {
            return new TrainingPolicy();
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var zone = TimeZone(fields);
        var currency = Currency(fields);
        var windows = Windows(fields.Value("windows"), context.Errors);
        var holidays = Holidays(fields.Value("holidays"), context.Errors);
        var project = fields.Text("project");
        var jobs = Jobs(fields.Value("jobs"), "jobs", currency, budgets, [], context.Errors);
        var templates = Jobs(fields.Value("templates"), "templates", currency, budgets, jobs, context.Errors);
        foreach (var (key, list) in new[] { ("jobs", jobs), ("templates", templates) })
        {
            if (project is null && list.Any(j => j.Project is null))
            {
                context.Errors.Add(fields.Value(key)!,
                    $"{key} without their own 'project' need 'training.project': the Google Cloud project to run in");
            }
        }

        TrainingChainsReader.Check(fields.Value("jobs"), fields.Value("templates"), templates, context.Errors);

        return new TrainingPolicy
        {
            Project = project,
            Schedule = windows.Count == 0 && holidays.Count == 0
                ? OffPeakSchedule.Always
                : new OffPeakSchedule(zone, windows, holidays),
            Limits = Limits(fields.Value("limits"), context.Errors),
            Rates = Rates(fields.Value("rates"), currency, context.Errors),
            Jobs = jobs,
            Templates = templates,
        };
    }

    private static string TimeZone(MappingFields fields)
    {
        var text = fields.Text("timeZone");
        if (text is null)
        {
            return "UTC";
        }

        var ianaId = TimeZoneRule.Resolve(text, out var problem);
        if (ianaId is null)
        {
            fields.Errors.Add(fields.Value("timeZone")!, problem);
        }

        return ianaId ?? "UTC";
    }

    private static CurrencyCode Currency(MappingFields fields)
    {
        var text = fields.Text("currency") ?? "USD";
        if (CurrencyCode.TryParse(text, out var code))
        {
            return code;
        }

        fields.Errors.Add(fields.Value("currency")!, $"'currency' must be an ISO 4217 code such as USD; got '{text}'");
        return CurrencyCode.Parse("USD");
    }

    private static List<OffPeakWindow> Windows(PolicyNode? node, PolicyErrors errors)
    {
        var windows = new List<OffPeakWindow>();
        foreach (var item in node is null ? [] : PolicyValues.Items(node, "windows", errors))
        {
            OffPeakWindow? window = item is PolicyMapping mapping ? Cron(mapping, errors) : Weekly(item, errors);
            if (window is not null)
            {
                windows.Add(window);
            }
        }

        return windows;
    }

    private static WeeklyOffPeakWindow? Weekly(PolicyNode item, PolicyErrors errors)
    {
        var text = PolicyValues.Text(item, "windows", errors);
        if (text is null)
        {
            return null;
        }

        var window = OffPeakWindowText.Parse(text, out var problem);
        if (window is null)
        {
            errors.Add(item, problem);
        }

        return window;
    }

    private static CronOffPeakWindow? Cron(PolicyMapping mapping, PolicyErrors errors)
    {
        var fields = new MappingFields(mapping, errors, "cron", "duration");
        var cronNode = fields.Required("cron", "a cron window");
        var cron = cronNode is null ? null : PolicyValues.Text(cronNode, "cron", errors);
        var duration = fields.Required("duration", "a cron window") is { } durationNode
            ? DurationText.Read(durationNode, "duration", errors)
            : null;
        if (cron is null || duration is null)
        {
            return null;
        }

        try
        {
            return new CronOffPeakWindow(cron, duration.Value);
        }
        catch (CronFormatException ex)
        {
            errors.Add(cronNode!, $"'cron' '{cron}' is not a five-field cron expression: {ex.Message}");
            return null;
        }
    }

    private static HashSet<DateOnly> Holidays(PolicyNode? node, PolicyErrors errors)
    {
        var days = new HashSet<DateOnly>();
        foreach (var (item, text) in node is null ? [] : PolicyValues.TextItems(node, "holidays", errors))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var day))
            {
                days.Add(day);
            }
            else
            {
                errors.Add(item, $"'holidays' items are dates such as 2026-12-24; got '{text}'");
            }
        }

        return days;
    }

    private static TrainingLimits Limits(PolicyNode? node, PolicyErrors errors)
    {
        var defaults = new TrainingLimits();
        if (node is null || PolicyValues.Mapping(node, "limits", errors) is not { } mapping)
        {
            return defaults;
        }

        var fields = new MappingFields(mapping, errors, LimitKeys);
        return new TrainingLimits
        {
            MaxConcurrentGpus =
                ModelArchiveReader.AtLeast(fields, "maxConcurrentGpus", 1) ?? defaults.MaxConcurrentGpus,
            ZoneAttempts = ModelArchiveReader.AtLeast(fields, "zoneAttempts", 1) ?? defaults.ZoneAttempts,
            MaxRestarts = ModelArchiveReader.AtLeast(fields, "maxRestarts", 0) ?? defaults.MaxRestarts,
            CheckpointGracePeriod = DurationText.Read(fields.Value("checkpointGracePeriod"), "checkpointGracePeriod",
                errors) ?? defaults.CheckpointGracePeriod,
            LaunchTimeout = DurationText.Read(fields.Value("launchTimeout"), "launchTimeout", errors)
                ?? defaults.LaunchTimeout,
            DeadlineMargin = DurationText.Read(fields.Value("deadlineMargin"), "deadlineMargin", errors)
                ?? defaults.DeadlineMargin,
        };
    }

    private static List<TrainingRate> Rates(PolicyNode? node, CurrencyCode currency, PolicyErrors errors)
    {
        var rates = new List<TrainingRate>();
        foreach (var item in node is null ? [] : PolicyValues.Items(node, "rates", errors))
        {
            if (PolicyValues.Mapping(item, "rates", errors) is not { } mapping)
            {
                continue;
            }

            var fields = new MappingFields(mapping, errors, "machineType", "spot", "onDemand");
            var machine = fields.Required("machineType", "a rate") is { } m
                ? PolicyValues.Text(m, "machineType", errors)
                : null;
            var spot = fields.Required("spot", "a rate") is { } s ? PolicyValues.Number(s, "spot", errors) : null;
            var full = fields.Required("onDemand", "a rate") is { } o ? PolicyValues.Number(o, "onDemand", errors)
                : null;
            if (machine is not null && spot is not null && full is not null)
            {
                rates.Add(new TrainingRate(machine, new(spot.Value, currency), new(full.Value, currency)));
            }
        }

        return rates;
    }

    /// <summary>
    /// <c>jobs</c> or <c>templates</c>: each a training job whose budgets (its own and its chained GPU job's) the
    /// policy has, named once across both lists. A template has no deadline: it is run again and again.
    /// </summary>
    private static List<TrainingJobSpec> Jobs(
        PolicyNode? node, string key, CurrencyCode currency, IReadOnlyList<string> budgets,
        IReadOnlyList<TrainingJobSpec> taken, PolicyErrors errors)
    {
        var jobs = new List<TrainingJobSpec>();
        foreach (var item in node is null ? [] : PolicyValues.Items(node, key, errors))
        {
            if (TrainingJobReader.Read(item, currency, errors) is not { } job)
            {
                continue;
            }

            var mapping = (PolicyMapping)item;
            var before = errors.Count;
            CheckBudget(mapping.Find("budget"), job.Budget, budgets, errors);
            var chained = mapping.Find("onSuccess") is PolicyMapping chain ? chain.Find("budget") : null;
            CheckBudget(chained ?? mapping.Find("onSuccess"), job.OnSuccess?.GpuJob?.Budget, budgets, errors);
            if (key == "templates" && job.Deadline is not null)
            {
                errors.Add(mapping.Find("deadline")!,
                    "a template has no 'deadline': it is a fixed time, and a template is run again and again");
            }

            if (jobs.Concat(taken).Any(j => j.Name == job.Name))
            {
                errors.Add(mapping.Find("name")!, $"a second training job or template named '{job.Name}'");
            }
            else if (errors.Count == before)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    private static void CheckBudget(PolicyNode? at, string? budget, IReadOnlyList<string> budgets, PolicyErrors errors)
    {
        if (at is not null && budget is not null && !budgets.Contains(budget, StringComparer.Ordinal))
        {
            errors.Add(at, $"'budget' names no budget of this policy: '{budget}'" + NearestName.Hint(budget, budgets));
        }
    }
}
