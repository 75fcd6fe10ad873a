using System.Globalization;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>How a quota refusal reaches the client: at the insert call (HTTP 403) or on its operation.</summary>
internal enum QuotaRefusal
{
    AtInsert,
    OnOperation,
}

/// <summary>
/// An in-memory Compute Engine behind the strict stand-in: every request is first checked against the Compute v1
/// discovery subset (path, parameters, body schema; see <see cref="ComputeDiscovery"/> for what was added). It
/// keeps instances and zone operations, answers a repeated requestId with the first operation, and can be scripted
/// per zone: no capacity, no quota, slow operations, preemptions, 429/503 with Retry-After.
/// </summary>
internal sealed partial class FakeCompute
{
    /// <summary>Compute writes times in the zone's local offset; this fake writes them at -07:00, as the
    /// preemption sample in shared/testdata does, so clients must read offsets rather than assume UTC.</summary>
    public static readonly TimeSpan WrittenOffset = TimeSpan.FromHours(-7);

    private readonly Lock _gate = new();
    private readonly GoogleApiStandIn _standIn;
    private readonly List<FakeComputeInstance> _instances = [];
    private readonly List<FakeZoneOperation> _operations = [];
    private readonly Dictionary<string, FakeZoneOperation> _byRequestId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ZoneScript> _zones = new(StringComparer.Ordinal);
    private long _serial;

    public FakeCompute(GoogleApiStandIn standIn)
    {
        _standIn = standIn;
        RegisterInstanceMethods(standIn);
        RegisterOperationMethods(standIn);
    }

    /// <summary>The fake's clock: operation and instance times, preemption times.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The most items one list page holds, below the client's maxResults, to exercise paging.</summary>
    public int PageSize { get; set; } = 500;

    public IReadOnlyList<FakeComputeInstance> Instances
    {
        get
        {
            lock (_gate)
            {
                return [.. _instances];
            }
        }
    }

    public IReadOnlyList<FakeZoneOperation> Operations
    {
        get
        {
            lock (_gate)
            {
                return [.. _operations];
            }
        }
    }

    public FakeComputeInstance? Instance(string name)
    {
        lock (_gate)
        {
            return _instances.SingleOrDefault(i => i.Name == name);
        }
    }

    /// <summary>The next <paramref name="launches"/> inserts or starts in the zone end
    /// ZONE_RESOURCE_POOL_EXHAUSTED.</summary>
    public FakeCompute ExhaustZone(string zone, int launches = int.MaxValue) =>
        Script(zone, z => z.Exhausted = launches);

    /// <summary>Ends every scripted refusal and slowness in the zone.</summary>
    public FakeCompute RefillZone(string zone) => Script(zone, z => z.Clear());

    /// <summary>The next <paramref name="launches"/> inserts (or starts) in the zone are over quota.</summary>
    public FakeCompute ExceedQuota(string zone, QuotaRefusal how, int launches = int.MaxValue) => Script(zone, z =>
    {
        if (how == QuotaRefusal.AtInsert)
        {
            z.QuotaAtInsert = launches;
        }
        else
        {
            z.QuotaOnOperation = launches;
        }
    });

    /// <summary>Operations in the zone stay PENDING, then RUNNING, for this many polls before they are DONE.</summary>
    public FakeCompute SlowOperations(string zone, int polls) => Script(zone, z => z.SlowPolls = polls);

    /// <summary>The next <paramref name="times"/> calls of a method (<c>instances.insert</c>) answer 429 or
    /// 503.</summary>
    public FakeCompute Throttle(string method, int status, int retryAfterSeconds, int times = 1)
    {
        var fault = status == 429 ? StandInFault.TooManyRequests(retryAfterSeconds)
            : status == 503 ? StandInFault.Unavailable(retryAfterSeconds)
            : throw new ArgumentOutOfRangeException(nameof(status), status, "429 or 503");
        _standIn.Fail($"compute.{method}", fault, times);
        return this;
    }

    /// <summary>
    /// Google takes a Spot VM back: it stops (TERMINATED) or is deleted, as its termination action says, and a
    /// <c>compute.instances.preempted</c> zone operation by <c>system</c> appears, shaped like the shared sample.
    /// </summary>
    public FakeZoneOperation Preempt(string name, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var instance = _instances.SingleOrDefault(i => i.Name == name)
                ?? throw new InvalidOperationException($"no instance {name} to preempt");
            var when = at ?? Clock.GetUtcNow();
            if (instance.TerminationAction == "DELETE")
            {
                _instances.Remove(instance);
            }
            else
            {
                instance.Status = "TERMINATED";
                instance.LastStop = when;
            }

            var operation = new FakeZoneOperation
            {
                Project = instance.Project,
                Zone = instance.Zone,
                Name = $"systemevent-{when.ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref _serial):x12}",
                OperationType = "compute.instances.preempted",
                TargetLink = $"{ZoneUrl(instance.Project, instance.Zone)}/instances/{name}",
                TargetId = instance.Id,
                InsertTime = when,
                User = "system",
                Status = "DONE",
                EndTime = when,
            };
            _operations.Add(operation);
            return operation;
        }
    }

    /// <summary>Someone else changes the instance's metadata, so a fingerprint read before is stale.</summary>
    public void ChangeMetadata(string name, string key, string value)
    {
        lock (_gate)
        {
            var instance = _instances.Single(i => i.Name == name);
            var items = instance.Metadata.ToDictionary(StringComparer.Ordinal);
            items[key] = value;
            instance.ReplaceMetadata(items, NewFingerprint());
        }
    }

    internal static string Timestamp(DateTimeOffset at) =>
        at.ToOffset(WrittenOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    internal static string ZoneUrl(string project, string zone) =>
        $"https://www.googleapis.com/compute/v1/projects/{project}/zones/{zone}";

    private FakeCompute Script(string zone, Action<ZoneScript> change)
    {
        lock (_gate)
        {
            change(ZoneFor(zone));
        }

        return this;
    }

    private ZoneScript ZoneFor(string zone)
    {
        if (!_zones.TryGetValue(zone, out var script))
        {
            _zones[zone] = script = new ZoneScript();
        }

        return script;
    }

    private string NewFingerprint() =>
        Convert.ToBase64String(BitConverter.GetBytes(Interlocked.Increment(ref _serial) * 7919));

    /// <summary>What a zone is scripted to do; counts go down as launches use them.</summary>
    private sealed class ZoneScript
    {
        public int Exhausted;

        public int QuotaAtInsert;

        public int QuotaOnOperation;

        public int SlowPolls;

        public void Clear() => Exhausted = QuotaAtInsert = QuotaOnOperation = SlowPolls = 0;

        public static bool Take(ref int count)
        {
            if (count <= 0)
            {
                return false;
            }

            if (count != int.MaxValue)
            {
                count--;
            }

            return true;
        }
    }
}
