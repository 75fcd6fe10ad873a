using Frugal.Engine;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;

namespace Frugal.Hosting.ModelArchive;

/// <summary>
/// The registry source of a host that did not add model registry support: a policy without registries archives
/// nothing, and one with registries gets a plain error instead of a missing-service failure at start-up.
/// </summary>
internal sealed class UnavailableModelRegistrySource : IModelRegistrySource
{
    public IReadOnlyList<IModelRegistry> Create(ModelArchivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Registries.Count == 0
            ? []
            : throw new FrugalInputException(
                "this host has no model registry support (call AddFrugalModelRegistries); modelArchive is not run");
    }
}
