using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Training;

public sealed partial class TrainingScheduler
{
    /// <summary>Refusals that mean "not here, not now": try the next zone.</summary>
    private static readonly HashSet<string> CapacityCodes = new(
        ["ZONE_RESOURCE_POOL_EXHAUSTED", "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS", "QUOTA_EXCEEDED",
            "RESOURCE_EXHAUSTED", "STOCKOUT", "RESOURCE_NOT_AVAILABLE"],
        StringComparer.Ordinal);

    /// <summary>Claims the job for a new attempt (one tick wins), then tries its zones.</summary>
    private async Task<bool> LaunchAsync(
        TickScope scope, TrainingJob job, ProvisioningModel model, LaunchAdmission admission, CancellationToken ct)
    {
        var claimed = await SaveAsync(scope, job, job with
        {
            State = TrainingJobState.Launching,
            Attempt = job.Attempt + 1,
            Placement = null,
            LaunchLeaseUntil = scope.Now + LaunchLease,
            Costs = admission.Costs,
            Reason = $"launching attempt {job.Attempt + 1} on {model}",
        }, ct).ConfigureAwait(false);
        return claimed is not null
            && await TryZonesAsync(scope, claimed, model, 0, admission.Rate, admission.OnDemandRate, ct)
                .ConfigureAwait(false);
    }

    /// <summary>A launch whose tick died or whose operation was still running: the same requests again.</summary>
    private async Task ResumeLaunchAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        var claimed = await SaveAsync(scope, job, job with { LaunchLeaseUntil = scope.Now + LaunchLease }, ct)
            .ConfigureAwait(false);
        if (claimed is null)
        {
            return;
        }

        var placement = claimed.Placement;
        var model = placement?.Model ?? ProvisioningModel.Spot;
        var from = placement is null ? 0 : Math.Max(0, IndexOf(claimed.Spec.Zones, placement.Zone));
        await TryZonesAsync(scope, claimed, model, from, placement?.HourlyRate, placement?.OnDemandRate, ct)
            .ConfigureAwait(false);
    }

    private async Task<bool> TryZonesAsync(
        TickScope scope, TrainingJob job, ProvisioningModel model, int from, Money.Money? rate,
        Money.Money? onDemandRate, CancellationToken ct)
    {
        var project = scope.Project(job)!;
        foreach (var zone in job.Spec.Zones.Skip(from))
        {
            var (zoneRate, zoneOnDemandRate) = await ZoneRatesAsync(
                scope, job.Spec, zone, model, rate, onDemandRate, ct).ConfigureAwait(false);
            var request = TrainingLaunchRequests.Build(job, project, zone, model, job.Attempt);
            var placed = await SaveAsync(scope, job, job with
            {
                Placement = new(project, zone, request.Instance.Name, model, request.RequestId, null, zoneRate,
                    zoneOnDemandRate),
            }, ct).ConfigureAwait(false);
            if (placed is null)
            {
                return false;
            }

            var (result, next) = await InsertAsync(scope, placed, request, ct).ConfigureAwait(false);
            if (result != ZoneResult.NextZone)
            {
                return result is ZoneResult.Launched or ZoneResult.Pending;
            }

            job = next!;
        }

        return await AfterAllZonesAsync(scope, job, model, ct).ConfigureAwait(false);
    }

    private async Task<(ZoneResult Result, TrainingJob? Job)> InsertAsync(
        TickScope scope, TrainingJob job, SpotLaunchRequest request, CancellationToken ct)
    {
        ComputeOperation operation;
        try
        {
            operation = await compute.InsertAsync(request, ct).ConfigureAwait(false);
            if (!operation.IsDone)
            {
                operation = await compute.WaitAsync(operation.Ref, scope.Training.Limits.LaunchTimeout, ct)
                    .ConfigureAwait(false);
            }
        }
        catch (ComputeRequestException ex)
        {
            return (await RefusedAsync(scope, job, ex, ct).ConfigureAwait(false), null);
        }

        if (!operation.IsDone)
        {
            // Released at once: the next tick repeats the insert, which returns this same operation.
            await SaveAsync(scope, job, job with
            {
                LaunchLeaseUntil = scope.Now,
                Reason = $"waiting for operation {operation.Ref.Name} in {request.Instance.Zone}",
            }, ct).ConfigureAwait(false);
            return (ZoneResult.Pending, null);
        }

        return operation.Succeeded
            ? (await RunningAsync(scope, job, ct).ConfigureAwait(false), null)
            : await ZoneRefusedAsync(scope, job, operation, ct).ConfigureAwait(false);
    }

    private async Task<ZoneResult> RunningAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        var placement = job.Placement! with { RunningSince = scope.Now };
        var running = await SaveAsync(scope, job, job with
        {
            State = TrainingJobState.Running,
            Placement = placement,
            LaunchLeaseUntil = null,
            ZoneFailures = new Dictionary<string, int>(),
            Reason = $"running on {placement.Model} as {placement.InstanceName} in {placement.Zone}",
        }, ct).ConfigureAwait(false);
        return running is null ? ZoneResult.Lost : ZoneResult.Launched;
    }

    private async Task<(ZoneResult, TrainingJob?)> ZoneRefusedAsync(
        TickScope scope, TrainingJob job, ComputeOperation operation, CancellationToken ct)
    {
        var zone = job.Placement!.Zone;
        var codes = string.Join(", ", operation.Errors.Select(e => e.Code));
        if (!operation.Errors.All(e => CapacityCodes.Contains(e.Code)))
        {
            var detail = string.Join("; ", operation.Errors.Select(e => $"{e.Code}: {e.Message}"));
            await FailAsync(scope, job, "failed", $"Compute refused the VM in {zone}: {detail}", ct)
                .ConfigureAwait(false);
            return (ZoneResult.Lost, null);
        }

        LogZoneRefused(job.Id, zone, codes);
        var failures = new Dictionary<string, int>(job.ZoneFailures)
        {
            [zone] = job.ZoneFailures.GetValueOrDefault(zone) + 1,
        };
        var next = await SaveAsync(scope, job, job with
        {
            ZoneFailures = failures,
            Reason = $"{zone}: {codes}",
        }, ct).ConfigureAwait(false);
        return next is null ? (ZoneResult.Lost, null) : (ZoneResult.NextZone, next);
    }

    /// <summary>
    /// The hourly prices an attempt in <paramref name="zone"/> is charged at: the admitted ones in the first zone's
    /// region, that zone's region's own where the job's zones span regions (the catalog prices by region; the
    /// policy's rates do not, so they give the same figure).
    /// </summary>
    private static async Task<(Money.Money? Rate, Money.Money? OnDemand)> ZoneRatesAsync(
        TickScope scope, TrainingJobSpec spec, string zone, ProvisioningModel model, Money.Money? rate,
        Money.Money? onDemandRate, CancellationToken ct)
    {
        if (TrainingPrices.Region(zone) == TrainingPrices.Region(spec.Zones[0]))
        {
            return (rate, onDemandRate);
        }

        var zoneRate = await scope.Prices.HourlyAsync(spec, zone, model, ct).ConfigureAwait(false);
        var zoneOnDemand = await scope.Prices.HourlyAsync(spec, zone, ProvisioningModel.Standard, ct)
            .ConfigureAwait(false);
        return (zoneRate ?? rate, zoneOnDemand ?? onDemandRate);
    }

    /// <summary>Every zone refused this tick: on demand if allowed and due, else back to waiting with why.</summary>
    private async Task<bool> AfterAllZonesAsync(
        TickScope scope, TrainingJob job, ProvisioningModel model, CancellationToken ct)
    {
        if (model == ProvisioningModel.Spot && job.Spec.OnDemandFallback
            && (ZonesExhausted(scope, job) || scope.DeadlineNear(job)))
        {
            var standard = await scope.Prices.HourlyAsync(job.Spec, job.Spec.Zones[0], ProvisioningModel.Standard, ct)
                .ConfigureAwait(false);
            return await TryZonesAsync(scope, job, ProvisioningModel.Standard, 0, standard, standard, ct)
                .ConfigureAwait(false);
        }

        var fallback = job.Spec.OnDemandFallback
            ? $"on demand after {scope.Training.Limits.ZoneAttempts} refusals in every zone"
            : "the job does not allow on demand";
        await SaveAsync(scope, job, job with
        {
            State = job.Restarts > 0 ? TrainingJobState.Relaunching : TrainingJobState.Queued,
            Placement = null,
            LaunchLeaseUntil = null,
            Reason = $"no {model} capacity in any zone ({Failures(job)}); {fallback}; trying again next run",
        }, ct).ConfigureAwait(false);
        return false;
    }

    private async Task<ZoneResult> RefusedAsync(
        TickScope scope, TrainingJob job, ComputeRequestException ex, CancellationToken ct)
    {
        if (!ex.Transient)
        {
            await FailAsync(scope, job, "failed", $"Compute refused the launch: {ex.Message}", ct)
                .ConfigureAwait(false);
            return ZoneResult.Lost;
        }

        LogLaunchRetry(job.Id, ex.Message);
        await SaveAsync(scope, job, job with { LaunchLeaseUntil = scope.Now, Reason = $"Compute: {ex.Message}" }, ct)
            .ConfigureAwait(false);
        return ZoneResult.Pending;
    }

    private static int IndexOf(IReadOnlyList<string> zones, string zone)
    {
        for (var i = 0; i < zones.Count; i++)
        {
            if (zones[i] == zone)
            {
                return i;
            }
        }

        return -1;
    }

    private enum ZoneResult
    {
        Launched,
        Pending,
        NextZone,
        Lost,
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "Training job {Job}: {Zone} refused the VM ({Codes}); trying the next zone")]
    private partial void LogZoneRefused(string job, string zone, string codes);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "Training job {Job}: Compute failed for now ({Reason}); the next run tries again")]
    private partial void LogLaunchRetry(string job, string reason);
}
