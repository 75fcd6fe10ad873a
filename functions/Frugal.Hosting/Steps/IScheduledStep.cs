namespace Frugal.Hosting.Steps;

/// <summary>
/// Work a long-running host does on a schedule. <c>frugal serve</c> runs every registered step in-process on its
/// schedule; the Functions app gives each step a timer function that only calls <see cref="RunAsync"/>. A feature
/// adds a step by registering it with <see cref="StepServiceCollectionExtensions.AddScheduledStep{TStep}"/>.
/// </summary>
public interface IScheduledStep
{
    /// <summary>A unique name; its schedule can be changed with the setting <c>Frugal:Schedules:NAME</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The schedule when none is configured: six-field cron with seconds, in UTC, the NCRONTAB form that
    /// Functions timers use (<c>0 */15 * * * *</c> is every quarter hour).
    /// </summary>
    string DefaultSchedule { get; }

    /// <summary>Does the work once. A step may throw; the host logs it and runs it again on schedule.</summary>
    Task RunAsync(CancellationToken ct);
}
