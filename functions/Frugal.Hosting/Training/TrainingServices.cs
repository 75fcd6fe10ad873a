using Frugal.Hosting.Retraining;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Hosting.Training;

/// <summary>
/// Wires the training queue and its scheduled step. Compute, the gs:// outcome reader and the price catalog come
/// from whatever the host registers (<c>AddFrugalGoogle</c>); none of them is required to list or submit jobs.
/// The queue is also retraining's launcher (<see cref="IRetrainingLauncherSource"/>).
/// </summary>
public static class TrainingServices
{
    public static IServiceCollection AddFrugalTraining(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrainingQueueJob>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IRetrainingLauncherSource, TrainingQueueLauncherSource>());
        services.AddScheduledStep<LaunchOffPeakTrainingStep>();
        return services;
    }
}
