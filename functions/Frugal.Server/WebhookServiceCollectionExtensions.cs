using Frugal.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Frugal.Server;

/// <summary>Registers the budget alert webhooks: settings, Google's signing keys and the shared handler.</summary>
public static class WebhookServiceCollectionExtensions
{
    private const string KeysClient = "frugal-google-signing-keys";

    public static IServiceCollection AddFrugalWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Configure(o => configuration.GetSection(WebhookOptions.Section).Bind(o))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());

        // A webhook answers within a second, so fetching keys may not take most of it; the keys are cached after.
        services.AddHttpClient(KeysClient).AddResilienceHandler(KeysClient, pipeline =>
            pipeline.AddTimeout(TimeSpan.FromMilliseconds(700)));
        services.TryAddSingleton(sp => new GoogleSigningKeys(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(KeysClient),
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Gcp.KeysUri,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GoogleSigningKeys>>()));
        services.TryAddSingleton(sp => new GooglePushTokenVerifier(
            sp.GetRequiredService<GoogleSigningKeys>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Gcp,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BudgetWebhookHandler>();
        services.AddOptions<TrainingApiOptions>()
            .Configure(o => configuration.GetSection(TrainingApiOptions.Section).Bind(o));
        services.TryAddSingleton<TrainingJobHandler>();
        services.TryAddSingleton<GpuJobHandler>();
        services.TryAddSingleton<ModelSignalHandler>();
        return services;
    }
}
