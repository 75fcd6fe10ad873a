using System.Globalization;
using System.Text.Json.Nodes;

namespace Frugal.Kubernetes.Tests.StandIn;

/// <summary>The stand-in's objects, resourceVersions and rules, shared by its handlers under one lock.</summary>
internal sealed class HpaStore
{
    private static readonly string Template =
        File.ReadAllText(TestData.Path("k8s-hpa", "testdata_autoscaling.v2.HorizontalPodAutoscaler.json"));

    private readonly object _gate = new();
    private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forbidden = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private long _version = 100;
    private int _throttled;
    private int _throttleSeconds;
    private Action? _beforeNextPatch;
    private TimeSpan _stall;

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Adds an HPA built from the upstream sample object, with the given identity and limits.</summary>
    public void Add(string ns, string name, int? min, int max, IDictionary<string, string>? labels = null,
        IDictionary<string, string>? annotations = null, JsonArray? owners = null)
    {
        var hpa = JsonNode.Parse(Template)!.AsObject();
        var metadata = hpa["metadata"]!.AsObject();
        metadata["name"] = name;
        metadata["namespace"] = ns;
        metadata["labels"] = Map(labels);
        metadata["annotations"] = Map(annotations);
        metadata["ownerReferences"] = owners ?? [];
        foreach (var key in new[] { "generateName", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds",
                     "finalizers", "managedFields" })
        {
            metadata.Remove(key);
        }

        hpa["spec"]!["minReplicas"] = min;
        hpa["spec"]!["maxReplicas"] = max;
        lock (_gate)
        {
            metadata["resourceVersion"] = NextVersion();
            _objects[Key(ns, name)] = hpa;
        }
    }

    public void Forbid(string ns)
    {
        lock (_gate)
        {
            _forbidden.Add(ns);
        }
    }

    /// <summary>The next <paramref name="count"/> requests are answered 429 with Retry-After.</summary>
    public void Throttle(int count, int retryAfterSeconds)
    {
        lock (_gate)
        {
            _throttled = count;
            _throttleSeconds = retryAfterSeconds;
        }
    }

    /// <summary>What a person with kubectl edit would do: change the spec, bumping the resourceVersion.</summary>
    public void EditByHand(string ns, string name, int? min = null, int? max = null)
    {
        lock (_gate)
        {
            var hpa = _objects[Key(ns, name)];
            if (min is { } newMin)
            {
                hpa["spec"]!["minReplicas"] = newMin;
            }

            if (max is { } newMax)
            {
                hpa["spec"]!["maxReplicas"] = newMax;
            }

            hpa["metadata"]!["resourceVersion"] = NextVersion();
        }
    }

    /// <summary>Runs <paramref name="action"/> when the next patch arrives, before it is looked at (a race).</summary>
    public void BeforeNextPatch(Action action)
    {
        lock (_gate)
        {
            _beforeNextPatch = action;
        }
    }

    /// <summary>Runs the action set by <see cref="BeforeNextPatch"/>, once.</summary>
    public void RunPatchRace()
    {
        Action? race;
        lock (_gate)
        {
            race = _beforeNextPatch;
            _beforeNextPatch = null;
        }

        race?.Invoke();
    }

    public JsonObject? Get(string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(ns, name), out var hpa) ? (JsonObject)hpa.DeepClone() : null;
        }
    }

    public (int Min, int Max, IReadOnlyDictionary<string, string> Annotations) Limits(string ns, string name)
    {
        var hpa = Get(ns, name)!;
        var annotations = hpa["metadata"]!["annotations"]?.AsObject()
            .ToDictionary(a => a.Key, a => a.Value!.GetValue<string>()) ?? [];
        return (hpa["spec"]!["minReplicas"]!.GetValue<int>(), hpa["spec"]!["maxReplicas"]!.GetValue<int>(),
            annotations);
    }

    public void Record(string request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public int? TakeThrottle()
    {
        lock (_gate)
        {
            return _throttled-- > 0 ? _throttleSeconds : null;
        }
    }

    /// <summary>Every later answer is held back this long (a server that has stopped answering).</summary>
    public TimeSpan Stall
    {
        get
        {
            lock (_gate)
            {
                return _stall;
            }
        }

        set
        {
            lock (_gate)
            {
                _stall = value;
            }
        }
    }

    public bool IsForbidden(string? ns)
    {
        lock (_gate)
        {
            return ns is null ? _forbidden.Count > 0 : _forbidden.Contains(ns);
        }
    }

    public (IReadOnlyList<JsonObject> Items, int? Next, string Version) Page(string? ns, int offset, int limit)
    {
        lock (_gate)
        {
            var all = _objects.Values.Where(h => ns is null || h["metadata"]!["namespace"]!.GetValue<string>() == ns)
                .ToList();
            var take = limit > 0 ? limit : all.Count;
            var items = all.Skip(offset).Take(take).Select(h => (JsonObject)h.DeepClone()).ToList();
            int? next = offset + take < all.Count ? offset + take : null;
            return (items, next, _version.ToString(CultureInfo.InvariantCulture));
        }
    }

    public (int Status, JsonObject Body) Patch(string ns, string name, JsonObject patch, OpenApiSchema schema)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(Key(ns, name), out var current))
            {
                return (404, FakeApiServer.Status(404, "NotFound",
                    $"horizontalpodautoscalers.autoscaling \"{name}\" not found"));
            }

            var merged = (JsonObject)MergePatch.Apply(current.DeepClone(), patch)!;
            if (schema.Validate(merged, OpenApiSchema.Hpa) is { Count: > 0 } errors)
            {
                return (400, FakeApiServer.Status(400, "BadRequest",
                    "HorizontalPodAutoscaler in version \"v2\" cannot be handled: strict decoding error: "
                    + string.Join(", ", errors)));
            }

            var sent = patch["metadata"]?["resourceVersion"]?.GetValue<string>();
            var stored = current["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (sent is not null && sent != stored)
            {
                return (409, FakeApiServer.Status(409, "Conflict",
                    $"Operation cannot be fulfilled on horizontalpodautoscalers.autoscaling \"{name}\": the object "
                    + "has been modified; please apply your changes to the latest version and try again"));
            }

            if (Invalid(merged) is { } invalid)
            {
                return (422, FakeApiServer.Status(422, "Invalid",
                    $"HorizontalPodAutoscaler.autoscaling \"{name}\" is invalid: {invalid}"));
            }

            merged["metadata"]!["resourceVersion"] = NextVersion();
            _objects[Key(ns, name)] = merged;
            return (200, (JsonObject)merged.DeepClone());
        }
    }

    private static string? Invalid(JsonObject hpa)
    {
        var spec = hpa["spec"]!;
        var max = spec["maxReplicas"]?.GetValue<int>();
        var min = spec["minReplicas"]?.GetValue<int>() ?? 1;
        return max switch
        {
            null => "spec.maxReplicas: Required value",
            < 1 => "spec.maxReplicas: Invalid value: must be greater than or equal to 1",
            _ when min < 1 => "spec.minReplicas: Invalid value: must be greater than or equal to 1",
            _ when min > max => "spec.maxReplicas: Invalid value: must be greater than or equal to `minReplicas`",
            _ => null,
        };
    }

    private string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);

    private static string Key(string ns, string name) => $"{ns}/{name}";

    private static JsonObject Map(IDictionary<string, string>? values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            map[key] = value;
        }

        return map;
    }
}
