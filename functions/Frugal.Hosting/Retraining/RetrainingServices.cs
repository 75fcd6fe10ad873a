using Frugal.Hosting.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Hosting.Retraining;

/// <summary>
/// Wires retraining and its scheduled step. No <see cref="Engine.Retraining.IRetrainingLauncher"/> is registered
/// here: the training queue registers one; until then due retrainings are recorded as wanted, never dropped.
/// </summary>
public static class RetrainingServices
{
    public static IServiceCollection AddFrugalRetraining(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetrainingJob>();
        services.AddScheduledStep<EvaluateRetrainingStep>();
        return services;
    }
}
