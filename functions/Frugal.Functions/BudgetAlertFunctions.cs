using Frugal.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Frugal.Functions;

/// <summary>
/// The budget alert webhooks as HTTP triggers, on the paths <c>frugal serve</c> uses. They only delegate to the
/// shared <see cref="BudgetWebhookHandler"/>, which authenticates callers itself (hence anonymous triggers).
/// </summary>
internal sealed class BudgetAlertFunctions(BudgetWebhookHandler handler)
{
    [Function("GcpBudgetAlert")]
    public async Task<IActionResult> GcpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "budget-alerts/gcp")] HttpRequest request,
        CancellationToken ct) =>
        await handler.GcpAsync(request, ct).ConfigureAwait(false);

    [Function("AzureBudgetAlert")]
    public async Task<IActionResult> AzureAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "budget-alerts/azure")] HttpRequest request,
        CancellationToken ct) =>
        await handler.AzureAsync(request, ct).ConfigureAwait(false);
}
