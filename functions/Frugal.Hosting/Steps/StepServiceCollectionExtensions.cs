using Frugal.Engine.BudgetEvents;
using Frugal.Hosting.BudgetAlerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Steps;

/// <summary>Registers scheduled steps and the background evaluation that budget alerts trigger.</summary>
public static class StepServiceCollectionExtensions
{
    /// <summary>Registers the main job as a step, the step schedules and the budget alert intake.</summary>
    public static IServiceCollection AddFrugalSteps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StepScheduleOptions>()
            .Configure(o => Bind(configuration.GetSection(StepScheduleOptions.Section), o))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<StepScheduleOptions>, StepScheduleOptionsValidator>());
        services.AddScheduledStep<PollBillingStep>();

        services.TryAddSingleton<BudgetEvaluationQueue>();
        services.TryAddSingleton<IBudgetEvaluationTrigger>(sp => sp.GetRequiredService<BudgetEvaluationQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<BudgetEvaluationQueue>());
        services.TryAddSingleton<BudgetAlertReceiver>();
        return services;
    }

    /// <summary>Adds a step that <c>frugal serve</c> runs on its schedule and a Functions timer can call.</summary>
    public static IServiceCollection AddScheduledStep<TStep>(this IServiceCollection services)
        where TStep : class, IScheduledStep
    {
        services.TryAddSingleton<TStep>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IScheduledStep, TStep>(sp => sp.GetRequiredService<TStep>()));
        return services;
    }

    /// <summary>Runs every registered step in-process on its schedule (hosts without timer triggers).</summary>
    public static IServiceCollection AddScheduledStepRunner(this IServiceCollection services) =>
        services.AddHostedService<ScheduledStepRunner>();

    private static void Bind(IConfigurationSection section, StepScheduleOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Value is { } schedule)
            {
                options.Schedules[child.Key] = schedule;
            }
        }
    }
}
