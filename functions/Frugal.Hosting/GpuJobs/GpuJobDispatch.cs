using Frugal.Engine;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Engine.Policies;
using Frugal.Hosting.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// GPU jobs as every host handles them: check a request against the policy's budgets, evaluate the budgets (as
/// <c>frugal plan</c> does, changing nothing) to decide hold or send, and keep the jobs in the state
/// (<c>Frugal:State:Provider</c> chooses the store).
/// </summary>
public sealed class GpuJobDispatch(
    BudgetJob budgets, IGpuJobQueue queue, TimeProvider time, ILoggerFactory loggers, StateChoice state)
{
    /// <summary>Checks and takes in a JSON job request; a request with errors changes nothing.</summary>
    public Task<GpuJobDispatchResult> SubmitAsync(
        BudgetJobRequest request, ReadOnlyMemory<byte> json, CancellationToken ct) =>
        SubmitAsync(request, names => GpuJobRequestReader.Read(json.Span, names), ct);

    /// <summary>Checks and takes in a job request given field by field (the command line's flags).</summary>
    public Task<GpuJobDispatchResult> SubmitAsync(BudgetJobRequest request, GpuJobDraft draft, CancellationToken ct) =>
        SubmitAsync(request, names => GpuJobRules.Check(draft, names), ct);

    /// <summary>Sends every waiting job whose budget no longer holds it; returns those sent.</summary>
    public async Task<IReadOnlyList<GpuJob>> ReleaseAsync(BudgetJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evaluated = await budgets.PlanAsync(request, ct).ConfigureAwait(false);
        var store = state.Open(BudgetJob.StatePath(request, evaluated.Policy)).GpuJobs;
        return await Intake(store).ReleaseAsync(evaluated.Plan.Budgets, ct).ConfigureAwait(false);
    }

    /// <summary>Records a result message from the worker; false when that job's result was already recorded.</summary>
    public async Task<bool> RecordResultAsync(BudgetJobRequest request, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = GpuJobResultReader.Read(json.Span);
        var store = state.Open(StatePath(request)).GpuJobs;
        return await Intake(store).RecordAsync(result, ct).ConfigureAwait(false);
    }

    /// <summary>The latest jobs, and the usage per model version of jobs finished since <c>since</c>.</summary>
    public async Task<GpuJobListing> ListAsync(
        BudgetJobRequest request, int limit, DateTimeOffset since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.OpenReadOnly(StatePath(request)) is not { } stores)
        {
            return new GpuJobListing([], []);
        }

        var jobs = await stores.GpuJobs.ReadRecentAsync(limit, ct).ConfigureAwait(false);
        var usage = await stores.InferenceUsage.ReadAsync(since, time.GetUtcNow(), ct).ConfigureAwait(false);
        return new GpuJobListing(jobs, usage);
    }

    /// <summary>
    /// Takes in a request checked already (a GPU job chained on a training run): the budgets are evaluated, then the
    /// job is recorded and sent, or held. The same id again records nothing new.
    /// </summary>
    public async Task<GpuJobSubmission> SubmitCheckedAsync(
        BudgetJobRequest request, GpuJobRequest job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(job);

        // Each submission evaluates the budgets from the cost data, as 'frugal plan' does: exact, but a large ledger
        // makes that seconds per request. Keeping the last PollBilling evaluation in state would make it cheap.
        var evaluated = await budgets.PlanAsync(request, ct).ConfigureAwait(false);
        var store = state.Open(BudgetJob.StatePath(request, evaluated.Policy)).GpuJobs;
        return await Intake(store).SubmitAsync(job, evaluated.Plan.Budgets, ct).ConfigureAwait(false);
    }

    private async Task<GpuJobDispatchResult> SubmitAsync(
        BudgetJobRequest request, Func<IReadOnlyCollection<string>, GpuJobCheck> check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        var checkedRequest = check([.. policy.Budgets.Select(b => b.Name)]);
        if (checkedRequest.Request is not { } job)
        {
            return new GpuJobDispatchResult(checkedRequest.Errors, null);
        }

        return new GpuJobDispatchResult([], await SubmitCheckedAsync(request, job, ct).ConfigureAwait(false));
    }

    private static string StatePath(BudgetJobRequest request) =>
        BudgetJob.StatePath(request, PolicyLoader.LoadValid(request.PolicyPath));

    private GpuJobIntake Intake(IGpuJobStore store) =>
        new(store, queue, time, loggers.CreateLogger<GpuJobIntake>());
}

/// <summary>A submission: the fields at fault, or what became of the job.</summary>
public sealed record GpuJobDispatchResult(IReadOnlyList<GpuJobFieldError> Errors, GpuJobSubmission? Submission);

/// <summary>The latest jobs, newest first, and the usage per model version over the span asked for.</summary>
public sealed record GpuJobListing(IReadOnlyList<GpuJob> Jobs, IReadOnlyList<ModelInferenceUsage> Usage);
