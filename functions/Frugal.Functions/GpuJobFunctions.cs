using System.Text;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Frugal.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Functions;

/// <summary>
/// GPU jobs in the Functions app: <c>SubmitGpuJob</c> (<c>POST /api/gpu-jobs</c>, function key required) delegates to
/// the shared <see cref="GpuJobHandler"/>; <c>RecordGpuJobResult</c> takes each result the worker posts to the
/// queue named by <c>FrugalGpuResultsQueue</c> (Base64, the trigger's default) in the storage account of
/// <c>FrugalGpuJobsStorage</c>. A result that cannot be recorded throws: the host retries it and, after
/// <c>maxDequeueCount</c> attempts (host.json), moves it to <c>{queue}-poison</c>, where it stays to be replayed.
/// </summary>
internal sealed partial class GpuJobFunctions(
    GpuJobHandler handler, GpuJobDispatch dispatch, IOptions<FrugalHostOptions> options,
    ILogger<GpuJobFunctions> logger)
{
    [Function("SubmitGpuJob")]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "gpu-jobs")] HttpRequest request,
        CancellationToken ct) =>
        await handler.SubmitAsync(request, ct).ConfigureAwait(false);

    [Function("RecordGpuJobResult")]
    public async Task RecordAsync(
        [QueueTrigger("%FrugalGpuResultsQueue%", Connection = "FrugalGpuJobsStorage")] string message,
        CancellationToken ct)
    {
        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, [.. settings.FocusPaths], settings.StatePath);
        if (!await dispatch.RecordResultAsync(request, Encoding.UTF8.GetBytes(message), ct).ConfigureAwait(false))
        {
            LogRepeat();
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information,
        Message = "RecordGpuJobResult: a result already recorded came again; nothing counted")]
    private partial void LogRepeat();
}
