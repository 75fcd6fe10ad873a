using System.Net;
using Frugal.Engine.Autoscaling;
using Frugal.Engine.Policies;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Frugal.Kubernetes;

/// <summary>
/// <see cref="IHpaApi"/> on KubernetesClient: lists autoscaling/v2 HPAs page by page, reads one, and merge-patches
/// one against its resourceVersion. HTTP refusals become results a person can read; only cancellation and
/// unreachable servers surface as exceptions.
/// </summary>
public sealed partial class KubernetesHpaApi : IHpaApi, IDisposable
{
    private readonly KubernetesConnections _connections;
    private readonly KubernetesOptions _options;
    private readonly ILogger<KubernetesHpaApi> _logger;

    public KubernetesHpaApi(KubernetesOptions options, TimeProvider time, ILogger<KubernetesHpaApi> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _connections = new KubernetesConnections(options, time);
        _logger = logger;
    }

    public async Task<HpaListing> ListAsync(
        KubernetesClusterPolicy cluster, IReadOnlyList<string>? namespaces, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var client = _connections.For(cluster);
        var items = new List<HpaObservation>();
        var problems = new List<string>();
        IReadOnlyList<string?> scopes = namespaces is null ? [null] : [.. namespaces];
        foreach (var ns in scopes)
        {
            try
            {
                await ListPagesAsync(client, cluster.Name, ns, items, ct).ConfigureAwait(false);
            }
            catch (HttpOperationException ex)
            {
                problems.Add($"cannot list autoscalers in {(ns is null ? "the cluster" : $"namespace {ns}")}: "
                    + Describe(ex));
            }
            catch (HttpRequestException ex)
            {
                problems.Add($"cannot reach the API server: {ex.Message}");
                break;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problems.Add(TimedOut());
                break;
            }
        }

        return new HpaListing(items, problems);
    }

    public async Task<HpaObservation?> ReadAsync(
        KubernetesClusterPolicy cluster, HpaReference hpa, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(hpa);
        try
        {
            var found = await _connections.For(cluster).AutoscalingV2
                .ReadNamespacedHorizontalPodAutoscalerAsync(hpa.Name, hpa.Namespace, cancellationToken: ct)
                .ConfigureAwait(false);
            return HpaMapping.Observe(cluster.Name, found);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<HpaPatchResult> PatchAsync(
        KubernetesClusterPolicy cluster, HpaLimitChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(change);
        var patch = new V1Patch(HpaMapping.MergePatch(change), V1Patch.PatchType.MergePatch);
        try
        {
            var patched = await _connections.For(cluster).AutoscalingV2
                .PatchNamespacedHorizontalPodAutoscalerAsync(
                    patch, change.Hpa.Name, change.Hpa.Namespace, fieldManager: "frugal", cancellationToken: ct)
                .ConfigureAwait(false);
            return new HpaPatchResult(HpaPatchStatus.Patched, $"resourceVersion {patched.Metadata.ResourceVersion}");
        }
        catch (HttpOperationException ex)
        {
            LogRefused(change.Hpa.ToString(), (int)ex.Response.StatusCode);
            return new HpaPatchResult(Status(ex.Response.StatusCode), Describe(ex));
        }
        catch (HttpRequestException ex)
        {
            return new HpaPatchResult(HpaPatchStatus.Failed, $"cannot reach the API server: {ex.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The patch may or may not have landed; the next run reads the object and sees which.
            return new HpaPatchResult(HpaPatchStatus.Failed, TimedOut());
        }
    }

    public void Dispose() => _connections.Dispose();

    private string TimedOut() =>
        FormattableString.Invariant($"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s");

    private async Task ListPagesAsync(
        IKubernetes client, string cluster, string? ns, List<HpaObservation> items, CancellationToken ct)
    {
        string? continueToken = null;
        do
        {
            var page = ns is null
                ? await client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(
                    continueParameter: continueToken, limit: _options.PageSize, cancellationToken: ct)
                    .ConfigureAwait(false)
                : await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(
                    ns, continueParameter: continueToken, limit: _options.PageSize, cancellationToken: ct)
                    .ConfigureAwait(false);
            items.AddRange(page.Items.Select(h => HpaMapping.Observe(cluster, h)));
            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
    }

    private static HpaPatchStatus Status(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Conflict => HpaPatchStatus.Conflict,
        HttpStatusCode.NotFound => HpaPatchStatus.NotFound,
        HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => HpaPatchStatus.Forbidden,
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => HpaPatchStatus.Invalid,
        _ => HpaPatchStatus.Failed,
    };

    // The API server explains a refusal in a Status object; its message is the part a person needs.
    private static string Describe(HttpOperationException ex)
    {
        var code = (int)ex.Response.StatusCode;
        var message = StatusMessage(ex.Response.Content) ?? ex.Response.ReasonPhrase ?? "no detail";
        return FormattableString.Invariant($"HTTP {code}: {message}");
    }

    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(body)?.Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Patch of {Hpa} refused with HTTP {Status}")]
    private partial void LogRefused(string hpa, int status);
}
