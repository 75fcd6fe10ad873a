using Frugal.Engine.Policies;

namespace Frugal.Engine.ModelArchive;

/// <summary>
/// Builds the registries a policy names. Hosts register the cloud-backed implementation
/// (<c>Frugal.ModelRegistry.ModelRegistryFactory</c>); composition stays free of cloud SDKs.
/// </summary>
public interface IModelRegistrySource
{
    IReadOnlyList<IModelRegistry> Create(ModelArchivePolicy policy);
}
