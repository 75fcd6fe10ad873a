using Frugal.GpuWorker.Configuration;

namespace Frugal.GpuWorker.Repository;

/// <summary>Chooses the repository kind from the address given with <c>--model-repository</c>.</summary>
internal static class ModelRepositoryFactory
{
    public static IModelRepository Create(WorkerOptions options)
    {
        var location = options.ModelRepository.Trim();
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            throw new InvalidOperationException(
                $"{WorkerOptions.Section}:ModelRepository: scheme '{uri.Scheme}' is not supported; " +
                "use a folder path or file://");
        }

        return new LocalModelRepository(uri is { IsFile: true } ? uri.LocalPath : location);
    }
}
