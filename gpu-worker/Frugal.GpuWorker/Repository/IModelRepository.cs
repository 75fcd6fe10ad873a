namespace Frugal.GpuWorker.Repository;

/// <summary>
/// Where models live, laid out <c>{model}/{version}/model.onnx</c> with whole-number versions, as Triton and KServe
/// lay theirs. Other files may sit beside a version's model (a quantization report, for one).
/// </summary>
internal interface IModelRepository
{
    /// <summary>The repository's address, for logs and errors (never with credentials).</summary>
    string Location { get; }

    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>The versions of <paramref name="model"/> that hold a model.onnx, in ascending order.</summary>
    Task<IReadOnlyList<string>> ListVersionsAsync(string model, CancellationToken cancellationToken);

    /// <summary>The bytes of a file in a version's folder (model.onnx, say), or null when it is not there.</summary>
    Task<byte[]?> ReadAsync(string model, string version, string fileName, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="fileName"/> into a version's folder, creating the version.</summary>
    Task WriteAsync(string model, string version, string fileName, byte[] bytes, CancellationToken cancellationToken);
}
