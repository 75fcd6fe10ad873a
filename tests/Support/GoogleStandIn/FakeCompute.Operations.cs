using System.Globalization;

namespace Frugal.Testing.GoogleStandIn;

internal sealed partial class FakeCompute
{
    private void RegisterOperationMethods(GoogleApiStandIn standIn)
    {
        standIn.On("compute.zoneOperations.get", call => Locked(() => Poll(call)));
        standIn.On("compute.zoneOperations.wait", call => Locked(() => Poll(call)));
        standIn.On("compute.zoneOperations.list", call => Locked(() => ListOperations(call)));
    }

    // The same requestId answers with the first call's operation, as it stands now; no second change is made.
    private StandInReply? Repeated(StandInCall call, out StandInReply? refusal)
    {
        refusal = null;
        if (!call.Query.TryGetValue("requestId", out var id))
        {
            return null;
        }

        if (!Guid.TryParse(id, out var uuid) || uuid == Guid.Empty)
        {
            refusal = Invalid("requestId", id);
            return null;
        }

        return _byRequestId.TryGetValue(id, out var first)
            ? StandInReply.Ok(first.ToResource(ZoneUrl(first.Project, first.Zone)))
            : null;
    }

    private FakeZoneOperation NewOperation(StandInCall call, FakeComputeInstance instance, string type)
    {
        var now = Clock.GetUtcNow();
        var operation = new FakeZoneOperation
        {
            Project = instance.Project,
            Zone = instance.Zone,
            Name = $"operation-{now.ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref _serial):x12}",
            OperationType = type,
            TargetLink = $"{ZoneUrl(instance.Project, instance.Zone)}/instances/{instance.Name}",
            TargetId = instance.Id,
            InsertTime = now,
            PollsLeft = ZoneFor(instance.Zone).SlowPolls,
        };
        _operations.Add(operation);
        if (call.Query.TryGetValue("requestId", out var id))
        {
            _byRequestId[id] = operation;
        }

        return operation;
    }

    private StandInReply Started(FakeZoneOperation operation)
    {
        if (operation.PollsLeft <= 0)
        {
            Finish(operation);
        }

        return StandInReply.Ok(operation.ToResource(ZoneUrl(operation.Project, operation.Zone)));
    }

    private static void Refuse(FakeZoneOperation operation, string code, int status, string statusText, string message)
    {
        operation.ErrorCode = code;
        operation.ErrorMessage = message;
        operation.HttpErrorStatusCode = status;
        operation.HttpErrorMessage = statusText;
    }

    private void Finish(FakeZoneOperation operation)
    {
        operation.Status = "DONE";
        operation.EndTime = Clock.GetUtcNow();
        operation.Effect?.Invoke();
        operation.Effect = null;
    }

    // get and wait both count as a poll: the fake's wait answers at once, as Google's may when it is busy.
    private StandInReply Poll(StandInCall call)
    {
        var (project, zone, name) =
            (call.PathParameters["project"], call.PathParameters["zone"], call.PathParameters["operation"]);
        var operation = _operations.SingleOrDefault(o => o.Project == project && o.Zone == zone && o.Name == name);
        if (operation is null)
        {
            return StandInReply.ComputeError(404, "notFound",
                $"The resource 'projects/{project}/zones/{zone}/operations/{name}' was not found");
        }

        if (operation.Status != "DONE")
        {
            operation.PollsLeft--;
            if (operation.PollsLeft <= 0)
            {
                Finish(operation);
            }
            else
            {
                operation.Status = "RUNNING";
            }
        }

        return StandInReply.Ok(operation.ToResource(ZoneUrl(project, zone)));
    }

    private StandInReply ListOperations(StandInCall call)
    {
        var (project, zone) = (call.PathParameters["project"], call.PathParameters["zone"]);
        if (ComputeListFilter.Parse(call.Query.GetValueOrDefault("filter")) is not { } filter)
        {
            return StandInReply.ComputeError(400, "invalid", "Invalid list filter expression.");
        }

        var matching = _operations
            .Where(o => o.Project == project && o.Zone == zone)
            .Where(o => filter.Matches(f => f switch
            {
                "operationType" => o.OperationType,
                "insertTime" => Timestamp(o.InsertTime),
                "status" => o.Status,
                "targetLink" => o.TargetLink,
                "user" => o.User,
                _ => null,
            }))
            .Select(o => (object)o.ToResource(ZoneUrl(project, zone)))
            .ToList();
        return Page(call, matching, "compute#operationList");
    }

    private StandInReply Page(StandInCall call, IReadOnlyList<object> items, string kind)
    {
        var max = call.Query.TryGetValue("maxResults", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 500;
        if (max is < 0 or > 500)
        {
            return Invalid("maxResults", m);
        }

        var from = 0;
        if (call.Query.TryGetValue("pageToken", out var token) &&
            (!int.TryParse(token, CultureInfo.InvariantCulture, out from) || from < 0))
        {
            return Invalid("pageToken", token);
        }

        var size = Math.Min(max == 0 ? 500 : max, PageSize);
        var page = items.Skip(from).Take(size).ToList();
        var next = from + page.Count < items.Count ? (from + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return StandInReply.Ok(FakeComputeInstance.Compact(new()
        {
            ["kind"] = kind,
            ["id"] = $"projects/{call.PathParameters["project"]}/zones/{call.PathParameters["zone"]}",
            ["items"] = page,
            ["nextPageToken"] = next,
        }));
    }
}
