using Frugal.Engine.Policies;
using Frugal.Engine.Retraining;
using Frugal.Engine.Training;

namespace Frugal.Hosting.Training;

/// <summary>
/// Retraining's way into the Spot training queue: a run of a template is estimated as the scheduler estimates a
/// launch (one full <c>maxRunTime</c> at the Spot price of its first zone), and queued as a job whose id is derived
/// from the order's idempotency key, so the store adds it once however many processes queue the same order.
/// </summary>
internal sealed class TrainingQueueRetrainingLauncher(
    FrugalPolicy policy, ITrainingJobStore store, TrainingPrices prices, TimeProvider time) : IRetrainingLauncher
{
    public const string Source = "retraining";

    public async Task<Engine.Money.Money?> EstimateAsync(string trainingJob, CancellationToken ct)
    {
        if (TrainingTemplates.Find(policy.Training, trainingJob) is not { } template)
        {
            return null;
        }

        var hourly = await prices.HourlyAsync(template, template.Zones[0], ProvisioningModel.Spot, ct)
            .ConfigureAwait(false);
        return TrainingCostMath.Estimate(template, hourly);
    }

    public async Task<RetrainingLaunch> QueueAsync(RetrainingOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (TrainingTemplates.Find(policy.Training, order.TrainingJob) is not { } template)
        {
            var known = TrainingTemplates.Names(policy.Training);
            return new RetrainingLaunch(RetrainingLaunchStatus.Refused, null,
                $"training job template '{order.TrainingJob}' is not in the policy; known: "
                + (known.Count == 0 ? "none" : string.Join(", ", known)));
        }

        var id = TrainingTemplates.RunId(template.Name, order.IdempotencyKey);
        var spec = TrainingTemplates.Instantiate(template, id, order.Budget);
        var problems = TrainingJobSpecRules.Check(spec);
        if (problems.Count > 0)
        {
            return new RetrainingLaunch(RetrainingLaunchStatus.Refused, id,
                string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        }

        var now = time.GetUtcNow();
        var job = new TrainingJob
        {
            Spec = spec, State = TrainingJobState.Queued, Source = Source, SubmittedAt = now, UpdatedAt = now,
            Reason = $"queued by retraining of {order.Model} ({order.IdempotencyKey}): {order.Reason}",
            Costs = new TrainingCosts { Estimated = order.Estimate },
        };
        return await store.AddAsync(job, ct).ConfigureAwait(false)
            ? new RetrainingLaunch(RetrainingLaunchStatus.Queued, id)
            : new RetrainingLaunch(RetrainingLaunchStatus.AlreadyQueued, id, $"job {id} was queued before");
    }
}
