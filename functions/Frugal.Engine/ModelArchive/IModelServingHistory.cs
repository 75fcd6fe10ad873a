namespace Frugal.Engine.ModelArchive;

/// <summary>
/// Where Frugal learns when a version was last served. The marker the gpu-worker leaves in the registry is one
/// source; jobs recorded in state by the control plane can be another. The latest answer of all sources wins.
/// </summary>
public interface IModelServingHistory
{
    /// <summary>The last time each of these versions was served, for those this source knows about.</summary>
    Task<IReadOnlyDictionary<ModelVersionKey, DateTimeOffset>> LastServedAsync(
        IReadOnlyList<ModelVersionKey> versions, CancellationToken ct);
}
