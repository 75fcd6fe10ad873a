using Azure.Storage.Blobs;
using Frugal.Engine;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using Google.Cloud.Storage.V1;

namespace Frugal.ModelRegistry;

/// <summary>
/// Builds the registries a policy names. Connection references (<c>env:NAME</c>) are read here, where they are
/// used: for Azure the container's connection string, for GCS an endpoint override (an emulator, reached without
/// credentials); without one, GCS uses the application default credentials.
/// </summary>
public sealed class ModelRegistryFactory(TimeProvider time, Func<string, string?> environment) : IModelRegistrySource
{
    /// <summary>Reads connection references from the process environment.</summary>
    public ModelRegistryFactory(TimeProvider time)
        : this(time, Environment.GetEnvironmentVariable)
    {
    }

    public IReadOnlyList<IModelRegistry> Create(ModelArchivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.Registries.Select(r => Create(r, policy.Rules.PinLabel, time, environment))];
    }

    private static IModelRegistry Create(
        ModelRegistryPolicy registry, string pinLabel, TimeProvider time, Func<string, string?> environment) =>
        registry.Kind switch
        {
            ModelRegistryKind.Local => new LocalFolderRegistry(registry.Name, registry.Path!, pinLabel, time),
            ModelRegistryKind.AzureBlob => new AzureBlobRegistry(registry.Name,
                new BlobContainerClient(Resolve(registry, environment), registry.Container), registry.Prefix,
                pinLabel, registry.HighPriorityRehydration),
            _ => new GcsRegistry(
                registry.Name, Gcs(registry, environment), registry.Bucket!, registry.Prefix, pinLabel),
        };

    private static StorageClient Gcs(ModelRegistryPolicy registry, Func<string, string?> environment)
    {
        if (registry.Connection is not null)
        {
            return new StorageClientBuilder { BaseUri = Resolve(registry, environment), UnauthenticatedAccess = true }
                .Build();
        }

        try
        {
            return StorageClient.Create();
        }
        catch (InvalidOperationException ex)
        {
            throw new FrugalInputException(
                $"registry '{registry.Name}': no Google credentials found (application default credentials)", ex);
        }
    }

    private static string Resolve(ModelRegistryPolicy registry, Func<string, string?> environment)
    {
        var variable = registry.Connection!["env:".Length..];
        var value = environment(variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new FrugalInputException(
                $"registry '{registry.Name}': the environment variable {variable} (its connection) is not set")
            : value;
    }
}
