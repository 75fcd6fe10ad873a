using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frugal.Server;

/// <summary>
/// The HTTP endpoints of <c>frugal serve</c>, on the same paths as the Functions app's triggers
/// (<c>/api/budget-alerts/gcp</c>, <c>/api/budget-alerts/azure</c>, <c>/api/training-jobs</c>,
/// <c>/api/gpu-jobs</c>, <c>/api/models/{model}/signals</c>), so a cloud, a client or a monitoring job can be pointed
/// at either.
/// </summary>
public static class FrugalEndpoints
{
    public const string GcpBudgetAlerts = "/api/budget-alerts/gcp";
    public const string AzureBudgetAlerts = "/api/budget-alerts/azure";
    public const string GpuJobs = "/api/gpu-jobs";
    public const string Health = "/healthz";
    public const string TrainingJobs = "/api/training-jobs";
    public const string ModelSignals = "/api/models/{model}/signals";

    public static IEndpointRouteBuilder MapFrugalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(GcpBudgetAlerts, (HttpRequest request, BudgetWebhookHandler hooks, CancellationToken ct) =>
            hooks.GcpAsync(request, ct));
        endpoints.MapPost(AzureBudgetAlerts, (HttpRequest request, BudgetWebhookHandler hooks, CancellationToken ct) =>
            hooks.AzureAsync(request, ct));
        endpoints.MapPost(TrainingJobs, (HttpRequest request, TrainingJobHandler jobs, CancellationToken ct) =>
            jobs.SubmitAsync(request, ct));
        endpoints.MapPost(GpuJobs, (HttpRequest request, GpuJobHandler jobs, CancellationToken ct) =>
                jobs.SubmitAsync(request, ct))
            .AddEndpointFilter(ServeKeyFilter.RequireAsync);
        endpoints.MapPost(ModelSignals,
                (string model, HttpRequest request, ModelSignalHandler signals, CancellationToken ct) =>
                    signals.AcceptAsync(model, request, ct))
            .AddEndpointFilter(ServeKeyFilter.RequireAsync);
        endpoints.MapGet(Health, () => Results.Json(new { status = "ok" }));
        return endpoints;
    }
}
