using Frugal.Engine;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.Prices;
using Frugal.Engine.State;
using Frugal.Engine.Training;
using Frugal.Hosting.State;
using Frugal.Hosting.GpuJobs;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.Training;

/// <summary>
/// The training queue as every host runs it: load the policy, open the state's queue (in the store
/// <c>Frugal:State:Provider</c> chooses), then tick (follow, expire, launch), submit, list, show or cancel.
/// Compute, the gs:// outcome reader and the price catalog are whatever the host registered (Frugal.Google's when
/// Google is enabled); without Compute, a tick is refused plainly.
/// GPU jobs chained on success go through the host's <see cref="GpuJobDispatch"/>; a host without one leaves
/// them waiting.
/// </summary>
public sealed class TrainingQueueJob(
    BudgetJob budgets,
    IEnumerable<IComputeInstances> computes,
    IEnumerable<ITrainingOutcomes> outcomes,
    IEnumerable<IPriceCatalog> catalogs,
    IEnumerable<INotificationChannel> channels,
    IEnumerable<GpuJobDispatch> gpuJobs,
    TimeProvider time,
    ILoggerFactory loggers,
    StateChoice state)
{
    private readonly GpuJobDispatch? _gpuJobs = gpuJobs.LastOrDefault();
    private readonly IComputeInstances? _compute = computes.LastOrDefault();
    private readonly ITrainingOutcomes _outcomes = new TrainingOutcomesByScheme(outcomes.LastOrDefault());
    private readonly IPriceCatalog? _catalog = catalogs.LastOrDefault();
    private readonly IReadOnlyList<INotificationChannel> _channels = [.. channels];

    /// <summary>One scheduler run, then the notifications it recorded are sent.</summary>
    public async Task<TrainingTickReport> TickAsync(TrainingQueueRequest request, CancellationToken ct)
    {
        var policy = Load(request);
        var stores = Open(request, policy);
        if (_compute is null)
        {
            // Quiet while there is nothing to launch, so hosts without training do not log a refusal every run.
            var waiting = await stores.TrainingJobs.ListAsync(includeFinished: false, ct).ConfigureAwait(false);
            return waiting.Count == 0 && policy.Training.Jobs.Count == 0
                ? new TrainingTickReport([])
                : throw new FrugalInputException(UnavailableComputeInstances.Refusal);
        }

        var tick = await BudgetsAsync(request, policy, stores.TrainingJobs, ct).ConfigureAwait(false);
        var report = await Scheduler(request, _compute, stores).TickAsync(tick, ct).ConfigureAwait(false);
        await new NotificationDispatcher(stores.Store, _channels, time, loggers.CreateLogger<NotificationDispatcher>())
            .DispatchAsync(policy, ct).ConfigureAwait(false);
        return report;
    }

    public async Task<TrainingSubmission> SubmitAsync(
        TrainingQueueRequest request, TrainingJobSpec spec, string source, CancellationToken ct)
    {
        var policy = Load(request);
        return await TrainingSubmissions.SubmitAsync(
            Open(request, policy).TrainingJobs, policy, spec, source, time.GetUtcNow(), ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TrainingJob>> ListAsync(TrainingQueueRequest request, bool all, CancellationToken ct)
    {
        var policy = Load(request);
        return Open(request, policy).TrainingJobs.ListAsync(all, ct);
    }

    public Task<TrainingJob?> ShowAsync(TrainingQueueRequest request, string name, CancellationToken ct)
    {
        var policy = Load(request);
        return Open(request, policy).TrainingJobs.GetAsync(name, ct);
    }

    /// <summary>Cancels a job; one with a VM needs Compute to delete it first.</summary>
    public async Task<TrainingJob?> CancelAsync(TrainingQueueRequest request, string name, CancellationToken ct)
    {
        var policy = Load(request);
        var stores = Open(request, policy);
        var job = await stores.TrainingJobs.GetAsync(name, ct).ConfigureAwait(false);
        var compute = job?.Placement is null ? UnavailableComputeInstances.Instance : _compute
            ?? throw new FrugalInputException($"job {name} has a VM to delete; {UnavailableComputeInstances.Refusal}");
        return await Scheduler(request, compute, stores).CancelAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>The policy's currency for job files: that of its training rates, else USD.</summary>
    public static Engine.Money.CurrencyCode Currency(FrugalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Training.Rates.FirstOrDefault()?.Spot.Currency ?? Engine.Money.CurrencyCode.Parse("USD");
    }

    private static FrugalPolicy Load(TrainingQueueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PolicyLoader.LoadValid(request.PolicyPath);
    }

    private async Task<TrainingTick> BudgetsAsync(
        TrainingQueueRequest request, FrugalPolicy policy, ITrainingJobStore queue, CancellationToken ct)
    {
        var jobs = await queue.ListAsync(includeFinished: false, ct).ConfigureAwait(false);
        if (!jobs.Any(j => j.Spec.Budget is not null) && policy.Training.Jobs.All(s => s.Budget is null))
        {
            return new TrainingTick(policy, []);
        }

        try
        {
            var plan = await budgets.PlanAsync(
                new BudgetJobRequest(request.PolicyPath, StatePath: request.StatePath), ct).ConfigureAwait(false);
            return new TrainingTick(policy, plan.Plan.Budgets);
        }
        catch (FrugalInputException ex)
        {
            return new TrainingTick(policy, null, ex.Message);
        }
    }

    private TrainingScheduler Scheduler(TrainingQueueRequest request, IComputeInstances compute, StateStores stores) =>
        new(stores.TrainingJobs, compute, _outcomes, _catalog, new TrainingNotices(stores.Store), time,
            loggers.CreateLogger<TrainingScheduler>())
        {
            Chain = _gpuJobs is null
                ? null
                : new GpuJobTrainingChain(_gpuJobs,
                    new BudgetJobRequest(request.PolicyPath, StatePath: request.StatePath)),
        };

    private StateStores Open(TrainingQueueRequest request, FrugalPolicy policy) =>
        state.Open(StatePath(request, policy));

    private static string StatePath(TrainingQueueRequest request, FrugalPolicy policy) =>
        BudgetJob.StatePath(new BudgetJobRequest(request.PolicyPath, StatePath: request.StatePath), policy);
}

/// <summary>Which policy and state the queue lives in. Paths may be relative to the working folder.</summary>
public sealed record TrainingQueueRequest(string PolicyPath, string? StatePath = null);
