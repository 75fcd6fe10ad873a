using Frugal.Engine;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using Frugal.Hosting.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.ModelArchive;

/// <summary>
/// The model archive job as every host runs it: load the policy, build the registries it names, open the state's
/// journal, then plan (changing nothing), apply, or restore one version.
/// </summary>
public sealed class ModelArchiveJob(
    IModelRegistrySource registries, IEnumerable<IModelServingHistory> histories, TimeProvider time,
    ILoggerFactory loggers, StateChoice state)
{
    private readonly IReadOnlyList<IModelServingHistory> _histories = [.. histories];

    /// <summary>Takes stock and plans. Reads the journal if there is one; writes nothing.</summary>
    public async Task<ModelArchiveJobResult> PlanAsync(ModelArchiveRequest request, CancellationToken ct)
    {
        var (policy, registries) = Load(request);
        var journal = state.OpenReadOnly(StatePath(request, policy))?.Journal ?? EmptyArchiveJournal.Instance;
        var plan = await Cycle(journal).PlanAsync(policy.ModelArchive, registries, request.Scope, ct)
            .ConfigureAwait(false);
        return new ModelArchiveJobResult(policy, new ArchiveRunResult(plan, [], [], policy.Safety.DryRun, null));
    }

    /// <summary>Finishes what earlier runs left, plans and carries the plan out within the safety rules.</summary>
    public async Task<ModelArchiveJobResult> ApplyAsync(ModelArchiveRequest request, CancellationToken ct)
    {
        var (policy, registries) = Load(request);
        var journal = state.Open(StatePath(request, policy)).Journal;
        var run = await Cycle(journal).ApplyAsync(policy, registries, request.Scope, ct).ConfigureAwait(false);
        return new ModelArchiveJobResult(policy, run);
    }

    /// <summary>Brings one version back to the hot class, or reports the progress of its rehydration.</summary>
    public async Task<ArchiveOutcome> RestoreAsync(ModelArchiveRequest request, CancellationToken ct)
    {
        var (policy, registries) = Load(request);
        var journal = state.Open(StatePath(request, policy)).Journal;
        return await Cycle(journal).RestoreAsync(registries, request.Scope, ct).ConfigureAwait(false);
    }

    private (FrugalPolicy Policy, IReadOnlyList<IModelRegistry> Registries) Load(ModelArchiveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        if (policy.ModelArchive.Registries.Count == 0)
        {
            throw new FrugalInputException($"{request.PolicyPath}: no model registries: add modelArchive.registries");
        }

        if (request.Scope.Registry is { } name && policy.ModelArchive.Registries.All(r => r.Name != name))
        {
            throw new FrugalInputException($"{request.PolicyPath}: no registry named '{name}' under modelArchive");
        }

        return (policy, registries.Create(policy.ModelArchive));
    }

    private static string StatePath(ModelArchiveRequest request, FrugalPolicy policy) =>
        BudgetJob.StatePath(new BudgetJobRequest(request.PolicyPath, StatePath: request.StatePath), policy);

    private ModelArchiveCycle Cycle(IArchiveJournal journal) =>
        new(journal, _histories, new ArchiveExecutor(journal, time, loggers.CreateLogger<ArchiveExecutor>()), time);
}

/// <summary>What to run the archive job on. Paths may be relative to the working folder.</summary>
public sealed record ModelArchiveRequest(string PolicyPath, string? StatePath = null, ArchiveScope? Narrowed = null)
{
    public ArchiveScope Scope => Narrowed ?? ArchiveScope.All;
}

/// <summary>The policy the job read and what it planned and did.</summary>
public sealed record ModelArchiveJobResult(FrugalPolicy Policy, ArchiveRunResult Run);
