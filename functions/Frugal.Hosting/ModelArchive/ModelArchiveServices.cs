using Frugal.Hosting.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Hosting.ModelArchive;

/// <summary>Wires the model archive job and its scheduled step.</summary>
public static class ModelArchiveServices
{
    public static IServiceCollection AddFrugalModelArchive(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelArchiveJob>();
        services.TryAddSingleton<Engine.ModelArchive.IModelRegistrySource, UnavailableModelRegistrySource>();
        services.AddScheduledStep<ArchiveStaleModelsStep>();
        return services;
    }
}
