using Frugal.Hosting.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Hosting.Retraining;

/// <summary>
/// Wires retraining and its scheduled step. The launcher comes from the training queue (<c>AddFrugalTraining</c>
/// registers an <see cref="IRetrainingLauncherSource"/>); a host without one records due retrainings as wanted.
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
