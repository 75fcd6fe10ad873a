using Frugal.Azure;
using Frugal.Engine.Execution;
using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;
using Frugal.Hosting.Billing;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting;

/// <summary>Wires Frugal's engine and its embedded adapters into a host's service container.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers the engine, the embedded action handlers and the main job.</summary>
    public static IServiceCollection AddFrugalEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IActionHandler, LogNotifier>();
        foreach (var kind in new[] { ActionKind.CapAutoscaling, ActionKind.HoldTraining, ActionKind.DetachBilling })
        {
            services.AddSingleton<IActionHandler>(new RecordingActionSink(kind));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFocusFileProvider, AzureBlobFocusFiles>());
        services.AddSingleton<BudgetJob>();
        return services;
    }

    /// <summary>
    /// Registers the engine for a long-running host, with <see cref="FrugalHostOptions"/> bound from configuration
    /// and validated when the host starts: a wrong setting stops start-up with every error named.
    /// </summary>
    public static IServiceCollection AddFrugalHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FrugalHostOptions>()
            .Bind(configuration.GetSection(FrugalHostOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FrugalHostOptions>, FrugalHostOptionsValidator>();
        services.AddFrugalSteps(configuration);
        return services.AddFrugalEngine().AddFrugalGoogleActions(configuration);
    }
}
