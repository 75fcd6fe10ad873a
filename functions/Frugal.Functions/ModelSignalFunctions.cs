using Frugal.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frugal.Functions;

/// <summary>
/// <c>POST /api/models/{model}/signals</c> as an HTTP trigger, on the path <c>frugal serve</c> uses. It delegates to
/// the shared <see cref="ModelSignalHandler"/>; callers present a function key (monitoring jobs are not clouds
/// that sign their calls, so the platform's key is the check).
/// </summary>
internal sealed class ModelSignalFunctions(ModelSignalHandler handler)
{
    [Function("ModelSignals")]
    public async Task<IActionResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/{model}/signals")] HttpRequest request,
        string model,
        CancellationToken ct) =>
        await handler.AcceptAsync(model, request, ct).ConfigureAwait(false);
}
