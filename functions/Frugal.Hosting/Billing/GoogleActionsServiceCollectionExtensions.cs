using Frugal.Engine.Billing;
using Frugal.Engine.Execution;
using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;
using Frugal.Google;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Hosting.Billing;

/// <summary>
/// Puts the real billing kill switch in place of the recording stand-in when the host enables Google
/// (<c>Frugal:Google:Enabled</c>). The policy still decides per project, and dry-run still holds.
/// </summary>
public static class GoogleActionsServiceCollectionExtensions
{
    public static IServiceCollection AddFrugalGoogleActions(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(GoogleCloudOptions.Section).Get<GoogleCloudOptions>() ?? new();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddFrugalGoogleCostSources(configuration);
        services.TryAddSingleton<IProjectBillingStore, HostBillingStore>();
        services.TryAddSingleton<ProjectBillingLever>();
        services.RemoveAll<IActionHandler>(d => d.ImplementationInstance is RecordingActionSink
        {
            Kind: ActionKind.DetachBilling,
        });
        services.AddSingleton<IActionHandler, DetachBillingHandler>();
        return services;
    }

    /// <summary>
    /// Adds the Google cost sources (the BigQuery billing export) when Google is enabled; the policy decides whether
    /// they are read. Hosts without host options (the CLI) call this alone.
    /// </summary>
    public static IServiceCollection AddFrugalGoogleCostSources(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(GoogleCloudOptions.Section).Get<GoogleCloudOptions>() ?? new();
        if (options.Enabled)
        {
            services.AddFrugalGoogle(options);
            services.TryAddEnumerable(ServiceDescriptor.Transient<ICostSource, BigQueryBillingExportSource>());
        }

        return services;
    }

    private static void RemoveAll<TService>(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(TService) && match(d)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
