using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Inference;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Frugal.GpuWorker.Bench;

/// <summary>Opens sessions the way the worker does, on the provider its start-up probe really chose.</summary>
internal sealed class BenchSessions : IDisposable
{
    private readonly ExecutionProviderChoice choice;
    private readonly List<OnnxModel> opened = [];

    public BenchSessions(string provider)
    {
        var options = Options.Create(new WorkerOptions { ModelRepository = ".", ExecutionProvider = provider });
        choice = new ExecutionProviderChoice(options, NullLogger<ExecutionProviderChoice>.Instance);
    }

    public string ProviderName => choice.Name;

    public string? FallbackReason => choice.FallbackReason;

    public Microsoft.ML.OnnxRuntime.SessionOptions CreateOptions() => choice.CreateSessionOptions();

    public OnnxModel Open(string name, byte[] bytes)
    {
        using var options = choice.CreateSessionOptions();
        QdqSessionTuning.Apply(options, bytes);
        var model = new OnnxModel(name, "1", bytes, options);
        opened.Add(model);
        return model;
    }

    public InferenceSession OpenRaw(byte[] bytes)
    {
        using var options = choice.CreateSessionOptions();
        return new InferenceSession(bytes, options);
    }

    public void Dispose() => opened.ForEach(m => m.Release());
}
