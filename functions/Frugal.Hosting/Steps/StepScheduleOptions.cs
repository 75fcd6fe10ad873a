using Cronos;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Steps;

/// <summary>Schedules of scheduled steps by step name, bound from <c>Frugal:Schedules</c>.</summary>
public sealed class StepScheduleOptions
{
    public const string Section = "Frugal:Schedules";

    public IDictionary<string, string> Schedules { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The step's configured schedule, else its default.</summary>
    public string ScheduleOf(IScheduledStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Schedules.TryGetValue(step.Name, out var schedule) && !string.IsNullOrWhiteSpace(schedule)
            ? schedule
            : step.DefaultSchedule;
    }

    public static CronExpression Parse(string schedule) => CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
}

/// <summary>Checks every step's schedule at start-up, naming the setting of each one that is wrong.</summary>
internal sealed class StepScheduleOptionsValidator(IEnumerable<IScheduledStep> steps)
    : IValidateOptions<StepScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, StepScheduleOptions options)
    {
        var errors = new List<string>();
        foreach (var step in steps)
        {
            var schedule = options.ScheduleOf(step);
            try
            {
                StepScheduleOptions.Parse(schedule);
            }
            catch (CronFormatException ex)
            {
                errors.Add($"{StepScheduleOptions.Section}:{step.Name}: '{schedule}' is not a six-field cron " +
                    $"schedule with seconds ({ex.Message})");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
