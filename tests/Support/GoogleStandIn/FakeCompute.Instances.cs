using System.Text.Json;
using System.Text.RegularExpressions;

namespace Frugal.Testing.GoogleStandIn;

internal sealed partial class FakeCompute
{
    private void RegisterInstanceMethods(GoogleApiStandIn standIn)
    {
        standIn.On("compute.instances.insert", call => Locked(() => Insert(call)));
        standIn.On("compute.instances.get", call => Locked(() => Get(call)));
        standIn.On("compute.instances.list", call => Locked(() => List(call)));
        standIn.On("compute.instances.stop", call => Locked(() => Change(call, "stop", Stop)));
        standIn.On("compute.instances.start", call => Locked(() => Change(call, "start", Start)));
        standIn.On("compute.instances.delete", call => Locked(() => Change(call, "delete", Delete)));
        standIn.On("compute.instances.setMetadata", call => Locked(() => Change(call, "setMetadata", SetMetadata)));
    }

    private StandInReply Locked(Func<StandInReply> answer)
    {
        lock (_gate)
        {
            return answer();
        }
    }

    private StandInReply Insert(StandInCall call)
    {
        var (project, zone) = (call.PathParameters["project"], call.PathParameters["zone"]);
        if (Repeated(call, out var refusal) is { } first)
        {
            return first;
        }

        var body = call.Body!.Value;
        if ((refusal ?? InvalidInstance(body)) is { } invalid)
        {
            return invalid;
        }

        var name = body.GetProperty("name").GetString()!;
        if (Find(project, zone, name) is not null)
        {
            return StandInReply.ComputeError(409, "alreadyExists",
                $"The resource 'projects/{project}/zones/{zone}/instances/{name}' already exists");
        }

        var script = ZoneFor(zone);
        if (ZoneScript.Take(ref script.QuotaAtInsert))
        {
            return StandInReply.ComputeError(403, "quotaExceeded",
                $"Quota 'GPUS_PER_GPU_FAMILY' exceeded. Limit: 0.0 in region {zone[..zone.LastIndexOf('-')]}.");
        }

        var instance = new FakeComputeInstance
        {
            Project = project,
            Zone = zone,
            Name = name,
            Id = Interlocked.Increment(ref _serial).ToString(System.Globalization.CultureInfo.InvariantCulture),
            InsertBody = body.Clone(),
            CreatedAt = Clock.GetUtcNow(),
        };
        instance.ReplaceMetadata(Items(body.TryGetProperty("metadata", out var m) ? m : default), NewFingerprint());
        _instances.Add(instance);
        return Launch(call, instance, "insert", removeOnRefusal: true);
    }

    // insert and start need capacity: the zone's script decides whether the operation ends refused.
    private StandInReply Launch(StandInCall call, FakeComputeInstance instance, string type, bool removeOnRefusal)
    {
        var script = ZoneFor(instance.Zone);
        var operation = NewOperation(call, instance, type);
        if (ZoneScript.Take(ref script.Exhausted))
        {
            Refuse(operation, "ZONE_RESOURCE_POOL_EXHAUSTED", 503, "SERVICE UNAVAILABLE",
                $"The zone 'projects/{instance.Project}/zones/{instance.Zone}' does not have enough resources " +
                "available to fulfill the request.  Try a different zone, or try again later.");
        }
        else if (ZoneScript.Take(ref script.QuotaOnOperation))
        {
            Refuse(operation, "QUOTA_EXCEEDED", 403, "FORBIDDEN", "Quota 'PREEMPTIBLE_NVIDIA_L4_GPUS' exceeded.");
        }

        operation.Effect = operation.ErrorCode is null
            ? () => (instance.Status, instance.LastStart) = ("RUNNING", Clock.GetUtcNow())
            : () =>
            {
                if (removeOnRefusal)
                {
                    _instances.Remove(instance);
                }
            };
        return Started(operation);
    }

    private StandInReply Get(StandInCall call) =>
        Find(call) is { } instance
            ? StandInReply.Ok(instance.ToResource(ZoneUrl(instance.Project, instance.Zone)))
            : NotFound(call);

    private StandInReply List(StandInCall call)
    {
        var (project, zone) = (call.PathParameters["project"], call.PathParameters["zone"]);
        if (ComputeListFilter.Parse(call.Query.GetValueOrDefault("filter")) is not { } filter)
        {
            return StandInReply.ComputeError(400, "invalid", "Invalid list filter expression.");
        }

        var matching = _instances
            .Where(i => i.Project == project && i.Zone == zone)
            .Where(i => filter.Matches(f => f.StartsWith("labels.", StringComparison.Ordinal)
                ? i.Labels.GetValueOrDefault(f["labels.".Length..])
                : f == "status" ? i.Status : f == "name" ? i.Name : null))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => (object)i.ToResource(ZoneUrl(project, zone)))
            .ToList();
        return Page(call, matching, "compute#instanceList");
    }

    private StandInReply Change(
        StandInCall call, string type, Func<StandInCall, FakeComputeInstance, string, StandInReply> change)
    {
        if (Repeated(call, out var refusal) is { } first)
        {
            return first;
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return Find(call) is { } instance ? change(call, instance, type) : NotFound(call);
    }

    private StandInReply Stop(StandInCall call, FakeComputeInstance instance, string type)
    {
        instance.Status = "STOPPING";
        var operation = NewOperation(call, instance, type);
        operation.Effect = () => (instance.Status, instance.LastStop) = ("TERMINATED", Clock.GetUtcNow());
        return Started(operation);
    }

    private StandInReply Start(StandInCall call, FakeComputeInstance instance, string type)
    {
        if (instance.Status != "TERMINATED")
        {
            return StandInReply.ComputeError(400, "resourceNotReady",
                $"The resource '{instance.Name}' is not ready: it is {instance.Status}");
        }

        instance.Status = "STAGING";
        return Launch(call, instance, type, removeOnRefusal: false);
    }

    private StandInReply Delete(StandInCall call, FakeComputeInstance instance, string type)
    {
        instance.Status = "STOPPING";
        var operation = NewOperation(call, instance, type);
        operation.Effect = () => _instances.Remove(instance);
        return Started(operation);
    }

    private StandInReply SetMetadata(StandInCall call, FakeComputeInstance instance, string type)
    {
        var body = call.Body!.Value;
        var fingerprint = body.TryGetProperty("fingerprint", out var f) ? f.GetString() : null;
        if (fingerprint != instance.Fingerprint)
        {
            return StandInReply.ComputeError(412, "conditionNotMet",
                "Supplied fingerprint does not match current metadata fingerprint.");
        }

        var items = body.TryGetProperty("items", out var given) ? given : default;
        instance.ReplaceMetadata(Items(items), NewFingerprint());
        return Started(NewOperation(call, instance, type));
    }

    private static StandInReply? InvalidInstance(JsonElement body)
    {
        string? Text(string field) => body.TryGetProperty(field, out var v) ? v.GetString() : null;
        var name = Text("name");
        if (name is null || !Regex.IsMatch(name, "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"))
        {
            return Invalid("resource.name", name);
        }

        if (Text("machineType") is null)
        {
            return Invalid("resource.machineType", null);
        }

        var scheduling = body.TryGetProperty("scheduling", out var s) ? s : default;
        bool Has(string field) =>
            scheduling.ValueKind == JsonValueKind.Object && scheduling.TryGetProperty(field, out _);
        var spot = Has("provisioningModel") && scheduling.GetProperty("provisioningModel").GetString() == "SPOT";
        if (spot && Has("automaticRestart") && scheduling.GetProperty("automaticRestart").GetBoolean())
        {
            return Invalid("resource.scheduling.automaticRestart", "true");
        }

        return !spot && Has("instanceTerminationAction") && !Has("maxRunDuration")
            ? Invalid("resource.scheduling.instanceTerminationAction", "without SPOT or maxRunDuration")
            : null;
    }

    private static StandInReply Invalid(string field, string? value) =>
        StandInReply.ComputeError(400, "invalid", $"Invalid value for field '{field}': '{value}'.");

    private static IEnumerable<KeyValuePair<string, string>> Items(JsonElement metadataOrItems)
    {
        var items = metadataOrItems.ValueKind == JsonValueKind.Object &&
            metadataOrItems.TryGetProperty("items", out var inner) ? inner : metadataOrItems;
        return items.ValueKind != JsonValueKind.Array
            ? []
            : items.EnumerateArray().Select(i => KeyValuePair.Create(
                i.GetProperty("key").GetString()!,
                i.TryGetProperty("value", out var v) ? v.GetString() ?? string.Empty : string.Empty));
    }

    private FakeComputeInstance? Find(StandInCall call) =>
        Find(call.PathParameters["project"], call.PathParameters["zone"], call.PathParameters["instance"]);

    private FakeComputeInstance? Find(string project, string zone, string name) =>
        _instances.SingleOrDefault(i => i.Project == project && i.Zone == zone && i.Name == name);

    private static StandInReply NotFound(StandInCall call) => StandInReply.ComputeError(404, "notFound",
        $"The resource 'projects/{call.PathParameters["project"]}/zones/{call.PathParameters["zone"]}/instances/" +
        $"{call.PathParameters["instance"]}' was not found");
}
