using Frugal.Engine.Budgets;

namespace Frugal.Engine.Training;

public sealed partial class TrainingScheduler
{
    /// <summary>Launches waiting jobs, highest priority first; a job that cannot start records why.</summary>
    private async Task LaunchWaitingAsync(TickScope scope, IReadOnlyList<TrainingJob> jobs, CancellationToken ct)
    {
        var gpusInUse = jobs.Where(j => j.State.HoldsGpus()).Sum(j => j.Spec.GpuCount);
        var waiting = jobs.Where(j => j.State.IsWaiting())
            .OrderByDescending(j => j.Spec.Priority).ThenBy(j => j.SubmittedAt);
        foreach (var job in waiting)
        {
            var admission = await AdmitAsync(scope, job, gpusInUse, ct).ConfigureAwait(false);
            if (admission.Model is not { } model)
            {
                await NoteAsync(scope, job, admission, ct).ConfigureAwait(false);
                continue;
            }

            gpusInUse += job.Spec.GpuCount;
            if (!await LaunchAsync(scope, job, model, admission, ct).ConfigureAwait(false))
            {
                gpusInUse -= job.Spec.GpuCount;
            }
        }
    }

    private async Task<LaunchAdmission> AdmitAsync(
        TickScope scope, TrainingJob job, int gpusInUse, CancellationToken ct)
    {
        var spec = job.Spec;

        // Admitted at the first zone's region's price; an attempt placed in another region is charged at that
        // region's price (ZoneRatesAsync).
        var zone = spec.Zones[0];
        var spot = await scope.Prices.HourlyAsync(spec, zone, ProvisioningModel.Spot, ct).ConfigureAwait(false);
        var standard = await scope.Prices.HourlyAsync(spec, zone, ProvisioningModel.Standard, ct)
            .ConfigureAwait(false);
        var onDemand = spec.OnDemandFallback && (scope.DeadlineNear(job) || ZonesExhausted(scope, job));
        var model = onDemand ? ProvisioningModel.Standard : ProvisioningModel.Spot;
        var rate = onDemand ? standard : spot;
        var wait = WaitReason(scope, job, gpusInUse, model, rate);
        var estimate = TrainingCostMath.Estimate(spec, rate);
        wait ??= BudgetReason(scope, job, estimate);
        var costs = job.Costs with
        {
            Estimated = estimate, EstimatedOnDemand = TrainingCostMath.Estimate(spec, standard),
        };
        return new LaunchAdmission(wait is null ? model : null, wait, costs, rate, standard);
    }

    private static string? WaitReason(
        TickScope scope, TrainingJob job, int gpusInUse, ProvisioningModel model, Money.Money? rate)
    {
        var spec = job.Spec;
        var limits = scope.Training.Limits;
        if (scope.Project(job) is null)
        {
            return "no project: give the job a project or set training.project in the policy";
        }

        var deadlineRun = model == ProvisioningModel.Standard && scope.DeadlineNear(job);
        if (!deadlineRun && !scope.Training.Schedule.IsOpen(scope.Now))
        {
            var next = scope.Training.Schedule.NextOpening(scope.Now);
            return $"waiting for the off-peak window ({scope.Training.Schedule.Describe()}); next opens " +
                (next is { } at ? $"at {at:u}" : "in more than two weeks");
        }

        if (gpusInUse + spec.GpuCount > limits.MaxConcurrentGpus)
        {
            return $"needs {spec.GpuCount} GPUs; {gpusInUse} of maxConcurrentGpus {limits.MaxConcurrentGpus} in use";
        }

        if (spec.MaxHourlyPrice is { } max)
        {
            if (rate is not { } price)
            {
                return $"no price known for {spec.MachineType} to compare with maxHourlyPrice: add training.rates";
            }

            if (price.Currency == max.Currency && price.Amount > max.Amount)
            {
                return $"{model} price {price}/h is above maxHourlyPrice {max}";
            }
        }

        return null;
    }

    private static string? BudgetReason(TickScope scope, TrainingJob job, Money.Money? estimate)
    {
        if (job.Spec.Budget is not { } name)
        {
            return null;
        }

        if (scope.Tick.Budgets is not { } budgets)
        {
            return $"budget {name} could not be evaluated: {scope.Tick.BudgetsUnavailable ?? "no cost data"}";
        }

        if (budgets.FirstOrDefault(b => b.Budget.Name == name) is not { } status)
        {
            return $"budget {name} is not in the policy";
        }

        if (estimate is not { } cost)
        {
            return TrainingHolds.For(status).OnHold
                ? TrainingHolds.For(status).Reason
                : $"no price known for {job.Spec.MachineType}, so budget {name} cannot be checked: add training.rates";
        }

        if (cost.Currency != status.Budget.Currency)
        {
            return $"the estimate is in {cost.Currency} but budget {name} is in {status.Budget.Currency}";
        }

        var admission = TrainingHolds.Admit(status, cost);
        return admission.Admitted ? null : admission.Reason;
    }

    private static bool ZonesExhausted(TickScope scope, TrainingJob job) =>
        job.Spec.Zones.All(z => job.ZoneFailures.GetValueOrDefault(z) >= scope.Training.Limits.ZoneAttempts);

    private static string Failures(TrainingJob job) =>
        string.Join(", ", job.ZoneFailures.Select(f => $"{f.Key}: {f.Value}"));

    private async Task NoteAsync(TickScope scope, TrainingJob job, LaunchAdmission admission, CancellationToken ct)
    {
        if (job.Reason != admission.Wait || job.Costs != admission.Costs)
        {
            await SaveAsync(scope, job, job with { Reason = admission.Wait, Costs = admission.Costs }, ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Launch on <see cref="Model"/>, or wait for <see cref="Wait"/>; costs estimated either way.</summary>
    private sealed record LaunchAdmission(
        ProvisioningModel? Model, string? Wait, TrainingCosts Costs, Money.Money? Rate, Money.Money? OnDemandRate);
}
