using System.Runtime.InteropServices;
using Frugal.Engine;
using Frugal.GpuWorker.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// Decides once, at start-up, whether sessions run on CUDA or on the CPU. The decision loads a probe model with the
/// CUDA provider, so a missing driver, a missing CUDA library or a machine without a GPU all end in the same
/// fallback, reported once with its reason.
/// </summary>
internal sealed partial class ExecutionProviderChoice
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    // What the CUDA 13 build of ONNX Runtime 1.32 links against, the driver first.
    private static readonly string[] CudaLibraries =
        ["libcuda.so.1", "libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcurand.so.10", "libcudnn.so.9"];

    private readonly WorkerOptions options;

    public ExecutionProviderChoice(IOptions<WorkerOptions> options, ILogger<ExecutionProviderChoice> logger)
    {
        this.options = options.Value;
        (Name, FallbackReason) = Decide(this.options.ExecutionProvider);
        if (FallbackReason is not null)
        {
            LogCudaUnavailable(logger, FallbackReason);
        }

        LogProviderChosen(logger, Name);
    }

    /// <summary><see cref="Cuda"/> or <see cref="Cpu"/>.</summary>
    public string Name { get; }

    /// <summary>Why CUDA is not used, or null when it is (or was not asked for).</summary>
    public string? FallbackReason { get; }

    public SessionOptions CreateSessionOptions()
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpThreads,
        };
        if (Name == Cuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(0);
        }

        return sessionOptions;
    }

    private static (string Name, string? Reason) Decide(string requested)
    {
        if (string.Equals(requested, "cpu", StringComparison.OrdinalIgnoreCase))
        {
            return (Cpu, null);
        }

        var failure = TryCuda();
        if (failure is null)
        {
            return (Cuda, null);
        }

        if (string.Equals(requested, "cuda", StringComparison.OrdinalIgnoreCase))
        {
            throw new FrugalInputException($"{WorkerOptions.Section}:ExecutionProvider is 'cuda' but {failure}");
        }

        return (Cpu, failure);
    }

    private static string? TryCuda()
    {
        // ONNX Runtime would print its own copy of the failure; the worker reports it once, in its own log.
        var environment = OrtEnv.Instance();
        var level = environment.EnvLogLevel;
        environment.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            using var sessionOptions = new SessionOptions();
            sessionOptions.AppendExecutionProvider_CUDA(0);
            using var session = new InferenceSession(ProbeModel.Bytes, sessionOptions);
            return null;
        }
        catch (Exception exception) when (exception is OnnxRuntimeException or DllNotFoundException
            or EntryPointNotFoundException)
        {
            return Explain(FirstLine(exception.Message));
        }
        finally
        {
            environment.EnvLogLevel = level;
        }
    }

    /// <summary>Adds which CUDA libraries cannot be found, since ONNX Runtime's message does not say.</summary>
    private static string Explain(string failure)
    {
        var missing = CudaLibraries.Where(name => !NativeLibrary.TryLoad(name, out _)).ToArray();
        return missing.Length == 0 ? failure : $"{failure} (cannot load {string.Join(", ", missing)})";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "CUDA execution provider unavailable, serving on CPU: {Reason}")]
    private static partial void LogCudaUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Sessions run on the {Provider} provider")]
    private static partial void LogProviderChosen(ILogger logger, string provider);
}
