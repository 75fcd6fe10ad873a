using Frugal.Engine.Training;
using Microsoft.Extensions.Logging;

namespace Frugal.Google.Compute;

/// <summary>
/// <see cref="IComputeInstances"/> over the Compute REST API (compute/v1). Calls that change something carry a
/// <c>requestId</c> derived from the caller's id, so the resilience pipeline may repeat them and Google still acts
/// once; reads are repeated freely.
/// </summary>
internal sealed partial class ComputeEngineClient : GoogleRestClient, IComputeInstances
{
    private readonly ZoneOperationWaits _waits;
    private readonly ComputeEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ComputeEngineClient> _log;

    public ComputeEngineClient(
        HttpClient http,
        IGoogleAccessTokenSource tokens,
        ZoneOperationWaits waits,
        GoogleCloudOptions options,
        TimeProvider time,
        ILogger<ComputeEngineClient> log)
        : base(http, tokens, "Compute Engine")
    {
        ArgumentNullException.ThrowIfNull(options);
        _waits = waits;
        _options = options.Compute;
        _time = time;
        _log = log;
    }

    public async Task<ComputeOperation> InsertAsync(SpotLaunchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = request.Instance;
        var body = InstanceBodies.For(request, _options);
        LogInserting(_log, at.Name, at.Zone, request.ProvisioningModel, request.MachineType);
        return await ChangeAsync(
            at, "insert", $"{Zone(at)}/instances?requestId={ComputeRequestIds.ToUuid(request.RequestId)}", body, ct,
            asksForCapacity: true).ConfigureAwait(false);
    }

    public async Task<ComputeInstance?> GetAsync(InstanceRef instance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        try
        {
            var found = await SendAsync<InstanceResource>(HttpMethod.Get, InstancePath(instance), null, ct)
                .ConfigureAwait(false);
            return ComputeReadings.Instance(found, instance);
        }
        catch (Exception e) when (ComputeRefusals.IsNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (ComputeRefusals.ToRequestException(e, $"reading {instance.Name}") is { } mapped)
        {
            throw mapped;
        }
    }

    public async Task<IReadOnlyList<ComputeInstance>> ListAsync(
        string project, string zone, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var filter = string.Join(" AND ", labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"(labels.{l.Key} = {Quote(l.Value)})"));
        var found = new List<ComputeInstance>();
        string? page = null;
        do
        {
            var listing = await GuardAsync(
                $"listing instances in {zone}",
                c => SendAsync<InstanceListPage>(
                    HttpMethod.Get, ListPath(Zone(project, zone), "instances", filter, page), null, c),
                ct).ConfigureAwait(false);
            found.AddRange((listing.Items ?? []).Select(i =>
                ComputeReadings.Instance(i, new InstanceRef(project, zone, i.Name ?? string.Empty))));
            page = listing.NextPageToken;
        }
        while (!string.IsNullOrEmpty(page));

        return found;
    }

    public async Task<ComputeOperation> StopAsync(InstanceRef instance, string requestId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        LogStopping(_log, instance.Name, instance.Zone);
        var uri = $"{InstancePath(instance)}/stop?requestId={ComputeRequestIds.ToUuid(requestId)}";
        return await ChangeAsync(instance, "stop", uri, null, ct, asksForCapacity: false).ConfigureAwait(false);
    }

    public async Task<ComputeOperation> StartAsync(InstanceRef instance, string requestId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        LogStarting(_log, instance.Name, instance.Zone);
        var uri = $"{InstancePath(instance)}/start?requestId={ComputeRequestIds.ToUuid(requestId)}";
        return await ChangeAsync(instance, "start", uri, null, ct, asksForCapacity: true).ConfigureAwait(false);
    }

    public async Task<ComputeOperation?> DeleteAsync(InstanceRef instance, string requestId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        LogDeleting(_log, instance.Name, instance.Zone);
        try
        {
            var operation = await SendAsync<OperationResource>(
                HttpMethod.Delete, $"{InstancePath(instance)}?requestId={ComputeRequestIds.ToUuid(requestId)}", null,
                ct).ConfigureAwait(false);
            return ComputeReadings.Operation(operation, instance.Project, instance.Zone);
        }
        catch (Exception e) when (ComputeRefusals.IsNotFound(e))
        {
            return null;
        }
        catch (Exception e) when (ComputeRefusals.ToRequestException(e, $"deleting {instance.Name}") is { } mapped)
        {
            throw mapped;
        }
    }

    // insert and start ask for capacity, so a zone without it or a project without quota is an answer, not an
    // error, whether Google says so at the call or later on the operation.
    private async Task<ComputeOperation> ChangeAsync(
        InstanceRef at, string operationType, string relativeUri, object? body, CancellationToken ct,
        bool asksForCapacity)
    {
        try
        {
            var operation = await SendAsync<OperationResource>(
                HttpMethod.Post, relativeUri, body, ct, safeToRetry: true).ConfigureAwait(false);
            return ComputeReadings.Operation(operation, at.Project, at.Zone);
        }
        catch (GoogleApiException e) when (asksForCapacity && ComputeRefusals.CapacityError(e) is { } error)
        {
            LogRefused(_log, at.Name, at.Zone, error.Code);
            return ComputeReadings.Refused(
                new ZoneOperationRef(at.Project, at.Zone, string.Empty), operationType, error, _time.GetUtcNow());
        }
        catch (Exception e) when (ComputeRefusals.ToRequestException(e, $"{operationType} {at.Name}") is { } mapped)
        {
            throw mapped;
        }
    }

    private static async Task<T> GuardAsync<T>(
        string what, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ComputeRefusals.ToRequestException(e, what) is { } mapped)
        {
            throw mapped;
        }
    }

    private static string Zone(InstanceRef at) => Zone(at.Project, at.Zone);

    private static string Zone(string project, string zone) => $"projects/{Escape(project)}/zones/{Escape(zone)}";

    private static string InstancePath(InstanceRef at) => $"{Zone(at)}/instances/{Escape(at.Name)}";

    private static string ListPath(string zonePath, string collection, string filter, string? page)
    {
        var query = new List<string> { "maxResults=500" };
        if (filter.Length > 0)
        {
            query.Add($"filter={Escape(filter)}");
        }

        if (!string.IsNullOrEmpty(page))
        {
            query.Add($"pageToken={Escape(page)}");
        }

        return $"{zonePath}/{collection}?{string.Join('&', query)}";
    }

    private static string Quote(string value) =>
        $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
