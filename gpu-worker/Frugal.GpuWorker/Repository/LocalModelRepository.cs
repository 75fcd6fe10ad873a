namespace Frugal.GpuWorker.Repository;

/// <summary>A model repository in a local (or mounted) folder.</summary>
internal sealed class LocalModelRepository(string root) : IModelRepository
{
    private readonly string root = Path.GetFullPath(root);

    public string Location => root;

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> models = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>()
                .Where(ModelPath.IsValidModelName).Order(StringComparer.Ordinal).ToArray()
            : [];
        return Task.FromResult(models);
    }

    public Task<IReadOnlyList<string>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, model);
        IReadOnlyList<string> versions = Directory.Exists(folder)
            ? ModelPath.SortVersions(Directory.EnumerateDirectories(folder)
                .Where(d => File.Exists(Path.Combine(d, ModelPath.ModelFileName)))
                .Select(Path.GetFileName).OfType<string>())
            : [];
        return Task.FromResult(versions);
    }

    public async Task<byte[]?> ReadAsync(
        string model, string version, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, model, version, fileName);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task WriteAsync(
        string model, string version, string fileName, byte[] bytes, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, model, version);
        Directory.CreateDirectory(folder);

        // Written aside and moved into place, so a reader listing versions never loads half a model.
        var target = Path.Combine(folder, fileName);
        var partial = target + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(partial, target, overwrite: true);
    }
}
