using Frugal.Engine.Billing;
using Frugal.Engine.Prices;
using Frugal.Engine.Training;
using Frugal.Google.Compute;
using Frugal.Google.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frugal.Google;

/// <summary>Registers the Google REST clients, their credentials and their resilience pipeline.</summary>
public static class GoogleServiceCollectionExtensions
{
    /// <summary>Registers the clients with the settings under <c>Frugal:Google</c>.</summary>
    public static IServiceCollection AddFrugalGoogle(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(GoogleCloudOptions.Section).Get<GoogleCloudOptions>() ?? new();
        return services.AddFrugalGoogle(options);
    }

    public static IServiceCollection AddFrugalGoogle(this IServiceCollection services, GoogleCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(GoogleCloudOptions.Section, typeof(GoogleCloudOptions), problems);
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton<IGoogleAccessTokenSource>(_ => new GoogleCredentialTokenSource(options));
        services.AddHttpClient<CloudBillingClient>(c => c.BaseAddress = options.CloudBillingEndpoint)
            .AddGoogleResilience(options);
        services.TryAddTransient<IProjectBillingProvider>(sp => sp.GetRequiredService<CloudBillingClient>());
        services.AddHttpClient<BigQueryClient>(c => c.BaseAddress = new Uri(options.BigQueryEndpoint, "bigquery/v2/"))
            .AddGoogleResilience(options);
        services.TryAddTransient<BigQueryBillingExportSource>();
        services.AddHttpClient<CloudBillingCatalogClient>(c => c.BaseAddress = options.CloudBillingEndpoint)
            .AddGoogleResilience(options);
        services.TryAddSingleton(TimeProvider.System);
        // The catalog is a singleton so its cache lives, and so it keeps the HttpClient it was built with: DNS
        // changes reach it only on restart. Resolving the client from IHttpClientFactory per listing would fix it.
        services.TryAddSingleton<IPriceCatalog>(sp => new CloudBillingCatalog(
            sp.GetRequiredService<CloudBillingCatalogClient>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CloudBillingCatalog>>()));
        return services.AddTraining(options);
    }

    private static IServiceCollection AddTraining(this IServiceCollection services, GoogleCloudOptions options)
    {
        var compute = new Uri(options.ComputeEndpoint, "compute/v1/");
        services.AddHttpClient<ComputeEngineClient>(c => c.BaseAddress = compute).AddGoogleResilience(options);
        services.AddHttpClient<ZoneOperationWaits>(c => c.BaseAddress = compute)
            .AddGoogleResilience(ZoneOperationWaits.Options(options));
        services.TryAddTransient<IComputeInstances>(sp => sp.GetRequiredService<ComputeEngineClient>());
        services.AddHttpClient<GcsObjects>(c => c.BaseAddress = new Uri(options.StorageEndpoint, "storage/v1/"))
            .AddGoogleResilience(options);
        services.TryAddTransient<ITrainingOutcomes, GcsTrainingOutcomes>();
        return services;
    }
}
