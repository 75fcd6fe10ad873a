namespace Frugal.Engine.ModelArchive;

/// <summary>
/// Last served times from the <c>_last_served</c> marker the gpu-worker keeps in each version's folder, as the
/// registry reported it while listing (see <see cref="ModelVersionInfo.LastServed"/>).
/// </summary>
public sealed class MarkerServingHistory(IEnumerable<(ModelVersionKey Key, ModelVersionInfo Version)> listed)
    : IModelServingHistory
{
    /// <summary>The marker object's name inside a version folder; it is metadata, never moved or counted.</summary>
    public const string MarkerName = "_last_served";

    private readonly Dictionary<ModelVersionKey, DateTimeOffset> _served = listed
        .Where(v => v.Version.LastServed is not null)
        .ToDictionary(v => v.Key, v => v.Version.LastServed!.Value);

    public Task<IReadOnlyDictionary<ModelVersionKey, DateTimeOffset>> LastServedAsync(
        IReadOnlyList<ModelVersionKey> versions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(versions);
        IReadOnlyDictionary<ModelVersionKey, DateTimeOffset> known = versions
            .Where(_served.ContainsKey)
            .Distinct()
            .ToDictionary(k => k, k => _served[k]);
        return Task.FromResult(known);
    }
}
