using Frugal.Engine.Autoscaling;
using Frugal.Engine.Execution;
using Frugal.Kubernetes;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Hosting;

/// <summary>Wires the autoscaling reconciler and its Kubernetes adapter into a host's service container.</summary>
public static class AutoscalingServiceCollectionExtensions
{
    /// <summary>Registers the Kubernetes adapter, the autoscaling job, its scheduled step, the cap handler.</summary>
    public static IServiceCollection AddFrugalAutoscaling(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new KubernetesOptions());
        services.TryAddSingleton<IHpaApi, KubernetesHpaApi>();
        services.AddSingleton<IActionHandler, CapAutoscalingHandoff>();
        services.AddSingleton<AutoscalingJob>();
        services.AddScheduledStep<AdjustAutoscalingStep>();
        return services;
    }
}
