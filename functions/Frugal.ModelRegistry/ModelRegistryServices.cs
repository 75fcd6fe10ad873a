using Frugal.Engine.ModelArchive;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.ModelRegistry;

/// <summary>Registers the registries of local folders, Azure Blob and GCS for the model archive job.</summary>
public static class ModelRegistryServices
{
    public static IServiceCollection AddFrugalModelRegistries(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Replaces the host's fallback (which refuses policies with registries), whatever the order of registration.
        services.RemoveAll<IModelRegistrySource>();
        services.AddSingleton<IModelRegistrySource>(
            sp => new ModelRegistryFactory(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
