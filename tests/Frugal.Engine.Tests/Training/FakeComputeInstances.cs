using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Training;

/// <summary>
/// Compute in memory, as strict as the scheduler needs: one VM per request id (a repeated insert returns the first
/// operation), scripted refusals per zone, preemptions that stop a VM and leave a zone operation behind.
/// </summary>
internal sealed class FakeComputeInstances(TimeProvider time) : IComputeInstances
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ComputeOperation> _byRequest = [];
    private readonly Dictionary<string, Queue<string>> _refusals = [];
    private readonly List<ComputeOperation> _preemptions = [];
    private readonly HashSet<string> _slowZones = [];
    private int _operations;

    public Dictionary<InstanceRef, ComputeInstance> Instances { get; } = [];

    public List<SpotLaunchRequest> Inserts { get; } = [];

    public List<(InstanceRef Instance, IReadOnlyDictionary<string, string> Items)> MetadataSets { get; } = [];

    public List<InstanceRef> Deletes { get; } = [];

    /// <summary>The next inserts in <paramref name="zone"/> fail with these codes, one each.</summary>
    public void Refuse(string zone, params string[] codes)
    {
        lock (_gate)
        {
            _refusals[zone] = new Queue<string>(codes);
        }
    }

    /// <summary>Inserts in <paramref name="zone"/> stay running (waits time out) until <see cref="Finish"/>.</summary>
    public void Slow(string zone)
    {
        lock (_gate)
        {
            _slowZones.Add(zone);
        }
    }

    /// <summary>Every running operation finishes (successfully) from now on.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _slowZones.Clear();
        }
    }

    public void Preempt(InstanceRef instance)
    {
        lock (_gate)
        {
            Instances[instance] = Instances[instance] with
            {
                Status = "TERMINATED", LastStopTimestamp = time.GetUtcNow(),
            };
            _preemptions.Add(Operation(instance, "compute.instances.preempted", []));
        }
    }

    public async Task<ComputeOperation> InsertAsync(SpotLaunchRequest request, CancellationToken ct)
    {
        await Task.Yield();
        lock (_gate)
        {
            Inserts.Add(request);
            if (_byRequest.TryGetValue(request.RequestId, out var first))
            {
                return first.IsDone || _slowZones.Contains(first.Ref.Zone) ? first : Done(first);
            }

            if (_slowZones.Contains(request.Instance.Zone))
            {
                var running = Operation(request.Instance, "insert", []) with { Status = "RUNNING" };
                _byRequest[request.RequestId] = running;
                return running;
            }

            var refused = _refusals.TryGetValue(request.Instance.Zone, out var codes) && codes.Count > 0
                ? codes.Dequeue()
                : null;
            var operation = Operation(request.Instance, "insert",
                refused is null ? [] : [new ComputeOperationError(refused, "scripted refusal")]);
            if (refused is null)
            {
                Instances[request.Instance] = new ComputeInstance(
                    request.Instance, "RUNNING", request.ProvisioningModel, request.Labels, request.Metadata, "fp-1",
                    time.GetUtcNow(), null);
            }

            _byRequest[request.RequestId] = operation;
            return operation;
        }
    }

    public Task<ComputeOperation> WaitAsync(ZoneOperationRef operation, TimeSpan timeout, CancellationToken ct)
    {
        lock (_gate)
        {
            var pending = _byRequest.Values.Single(p => p.Ref == operation);
            return Task.FromResult(_slowZones.Contains(operation.Zone) ? pending : Done(pending));
        }
    }

    public Task<ComputeInstance?> GetAsync(InstanceRef instance, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(Instances.GetValueOrDefault(instance));
        }
    }

    public Task<IReadOnlyList<ComputeInstance>> ListAsync(
        string project, string zone, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        throw new InvalidOperationException("the scheduler does not list instances");

    public Task<IReadOnlyList<ComputeOperation>> ListPreemptionsAsync(
        string project, string zone, DateTimeOffset since, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ComputeOperation>>(
                [.. _preemptions.Where(p => p.Ref.Zone == zone && p.InsertTime >= since)]);
        }
    }

    public Task<ComputeOperation> SetMetadataAsync(
        InstanceRef instance, IReadOnlyDictionary<string, string> items, string fingerprint, CancellationToken ct)
    {
        lock (_gate)
        {
            Assert.Equal(Instances[instance].MetadataFingerprint, fingerprint);
            MetadataSets.Add((instance, items));
            var merged = new Dictionary<string, string>(Instances[instance].Metadata);
            foreach (var (key, value) in items)
            {
                merged[key] = value;
            }

            Instances[instance] = Instances[instance] with { Metadata = merged, MetadataFingerprint = "fp-2" };
            return Task.FromResult(Operation(instance, "setMetadata", []));
        }
    }

    public Task<ComputeOperation> StopAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
        throw new InvalidOperationException("the scheduler deletes, it does not stop");

    public Task<ComputeOperation> StartAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
        throw new InvalidOperationException("the scheduler relaunches, it does not start");

    public Task<ComputeOperation?> DeleteAsync(InstanceRef instance, string requestId, CancellationToken ct)
    {
        lock (_gate)
        {
            Deletes.Add(instance);
            return Task.FromResult(Instances.Remove(instance) ? Operation(instance, "delete", []) : null);
        }
    }

    // A slow insert that finishes: the VM appears and the operation is DONE for every later caller.
    private ComputeOperation Done(ComputeOperation pending)
    {
        var request = Inserts.Last(i => _byRequest.TryGetValue(i.RequestId, out var op) && op.Ref == pending.Ref);
        Instances[request.Instance] = new ComputeInstance(
            request.Instance, "RUNNING", request.ProvisioningModel, request.Labels, request.Metadata, "fp-1",
            time.GetUtcNow(), null);
        var done = pending with { Status = "DONE" };
        _byRequest[request.RequestId] = done;
        return done;
    }

    private ComputeOperation Operation(InstanceRef instance, string type, IReadOnlyList<ComputeOperationError> errors)
    {
        var name = $"operation-{Interlocked.Increment(ref _operations)}";
        return new ComputeOperation(
            new ZoneOperationRef(instance.Project, instance.Zone, name), type, "DONE",
            $"https://www.googleapis.com/compute/v1/projects/{instance.Project}/zones/{instance.Zone}/instances/" +
            instance.Name,
            time.GetUtcNow(), errors);
    }
}
