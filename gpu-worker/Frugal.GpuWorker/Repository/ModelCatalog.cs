using System.Collections.Concurrent;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Protocol;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Repository;

/// <summary>
/// Resolves a model and an optional version against the repository. Version lists are trusted for
/// <c>VersionRefreshSeconds</c>, so a version added to the repository is served without a restart; a version asked
/// for by number that the list lacks makes the list be read again at once.
/// </summary>
internal sealed class ModelCatalog(IModelRepository repository, IOptions<WorkerOptions> options, TimeProvider time)
{
    private readonly TimeSpan refresh = TimeSpan.FromSeconds(options.Value.VersionRefreshSeconds);
    private readonly ConcurrentDictionary<string, VersionList> versions = new(StringComparer.Ordinal);

    public IModelRepository Repository => repository;

    /// <summary>The version to serve; a 404 <see cref="ProtocolException"/> for an unknown model or version.</summary>
    public async Task<string> ResolveAsync(string model, string? version, CancellationToken cancellationToken)
    {
        if (!ModelPath.IsValidModelName(model))
        {
            throw ProtocolException.NotFound($"unknown model '{model}'");
        }

        if (version is not null && !ModelPath.IsValidVersion(version))
        {
            throw ProtocolException.NotFound($"model '{model}' has no version '{version}'");
        }

        var known = await VersionsAsync(model, forceRefresh: false, cancellationToken).ConfigureAwait(false);
        if (version is not null && !known.Contains(version))
        {
            known = await VersionsAsync(model, forceRefresh: true, cancellationToken).ConfigureAwait(false);
        }

        if (known.Count == 0)
        {
            throw ProtocolException.NotFound($"unknown model '{model}'");
        }

        if (version is null)
        {
            return known[^1];
        }

        return known.Contains(version)
            ? version
            : throw ProtocolException.NotFound($"model '{model}' has no version '{version}'");
    }

    public async Task<IReadOnlyList<string>> VersionsAsync(
        string model, bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && versions.TryGetValue(model, out var cached)
            && time.GetElapsedTime(cached.ReadAt) < refresh)
        {
            return cached.Versions;
        }

        var fresh = await repository.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false);
        versions[model] = new VersionList(fresh, time.GetTimestamp());
        return fresh;
    }

    /// <summary>Forgets the cached list, after this worker wrote a new version itself.</summary>
    public void Invalidate(string model) => versions.TryRemove(model, out _);

    private sealed record VersionList(IReadOnlyList<string> Versions, long ReadAt);
}
