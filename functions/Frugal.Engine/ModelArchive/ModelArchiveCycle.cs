using Frugal.Engine.Policies;

namespace Frugal.Engine.ModelArchive;

/// <summary>Narrows an archive run to one registry, model or version; null parts match everything.</summary>
public sealed record ArchiveScope(string? Registry = null, string? Model = null, string? Version = null)
{
    public static ArchiveScope All { get; } = new();
}

/// <summary>What an archive run found, planned and did.</summary>
public sealed record ArchiveRunResult(
    ArchivePlan Plan,
    IReadOnlyList<ArchiveOutcome> Resumed,
    IReadOnlyList<ArchiveOutcome> Outcomes,
    bool DryRun,
    string? Refusal)
{
    public bool AnyFailed => Resumed.Any(o => o.Failed) || Outcomes.Any(o => o.Failed);
}

/// <summary>
/// The archive job, shared by every entry point (<c>frugal models</c>, the <c>ArchiveStaleModels</c> timer,
/// <c>frugal serve</c>): take stock of the registries, plan, and for an apply, first finish what earlier runs
/// left unfinished, then carry the plan out within the policy's safety rules.
/// </summary>
public sealed class ModelArchiveCycle(
    IArchiveJournal journal, IEnumerable<IModelServingHistory> histories, ArchiveExecutor executor, TimeProvider time)
{
    private readonly IReadOnlyList<IModelServingHistory> _histories = [.. histories];

    /// <summary>Takes stock and plans; changes nothing.</summary>
    public async Task<ArchivePlan> PlanAsync(
        ModelArchivePolicy policy, IReadOnlyList<IModelRegistry> registries, ArchiveScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(scope);
        var now = time.GetUtcNow();
        var journaled = await journal.ReadAsync(now.AddDays(-policy.Rules.ServedWithinDays), ct).ConfigureAwait(false);
        var inventories = new List<RegistryInventory>();
        foreach (var registry in InScope(policy, registries, scope))
        {
            inventories.Add(await TakeStockAsync(registry.Policy, registry.Registry, scope, journaled, ct)
                .ConfigureAwait(false));
        }

        return ArchivePlanner.Plan(policy.Rules, inventories, now);
    }

    /// <summary>Finishes what was left, plans and carries the plan out unless dry run or the cap forbid.</summary>
    public async Task<ArchiveRunResult> ApplyAsync(
        FrugalPolicy policy, IReadOnlyList<IModelRegistry> registries, ArchiveScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var byName = ByName(registries);

        // A change begun while dry run was off is finished even with it on: a half-moved version is the worse state.
        var resumed = await executor.ResumeAsync(byName, ct).ConfigureAwait(false);
        var plan = await PlanAsync(policy.ModelArchive, registries, scope, ct).ConfigureAwait(false);
        if (policy.Safety.DryRun)
        {
            return new ArchiveRunResult(plan, resumed, [], DryRun: true, Refusal: null);
        }

        if (plan.Decisions.Count > policy.Safety.MaxActionsPerRun)
        {
            var refusal = $"the plan moves or deletes {plan.Decisions.Count} versions, more than "
                + $"safety.maxActionsPerRun ({policy.Safety.MaxActionsPerRun}); nothing was changed: raise the cap "
                + "or narrow the run with --model";
            return new ArchiveRunResult(plan, resumed, [], DryRun: false, refusal);
        }

        var outcomes = await executor.ExecuteAsync(plan.Decisions, byName, ct).ConfigureAwait(false);
        return new ArchiveRunResult(plan, resumed, outcomes, DryRun: false, Refusal: null);
    }

    /// <summary>
    /// Brings one version back to the hot class, or reports how far an earlier restore has come. Restores are
    /// asked for by a person and change nothing for the worse, so dry run does not hold them.
    /// </summary>
    public async Task<ArchiveOutcome> RestoreAsync(
        IReadOnlyList<IModelRegistry> registries, ArchiveScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Model is not { } model || scope.Version is not { } version)
        {
            throw new FrugalInputException("restore needs --model MODEL and --version VERSION");
        }

        var resumed = await executor.ResumeAsync(ByName(registries), ct).ConfigureAwait(false);
        var (registry, found) = await FindAsync(registries, scope, model, version, ct).ConfigureAwait(false);
        var key = found.Key(registry.Name);
        if (resumed.LastOrDefault(o => o.Key == key && o.Operation == ArchiveOperation.Restore) is { } progress)
        {
            return progress;
        }

        return found.Tier == StorageTier.Hot && !found.Rehydrating
            ? new ArchiveOutcome(key, ArchiveOperation.Restore, ArchiveEntryState.Done,
                $"already {registry.TierName(StorageTier.Hot)}", RestoreProgress.Of(found))
            : await executor.RestoreAsync(found, registry, ct).ConfigureAwait(false);
    }

    private async Task<RegistryInventory> TakeStockAsync(
        ModelRegistryPolicy policy, IModelRegistry registry, ArchiveScope scope,
        IReadOnlyList<ArchiveJournalEntry> journaled, CancellationToken ct)
    {
        var listed = await registry.ListVersionsAsync(scope.Model, ct).ConfigureAwait(false);
        var versions = scope.Version is null ? listed : [.. listed.Where(v => v.Version == scope.Version)];
        var keys = versions.Select(v => v.Key(registry.Name)).ToList();
        var served = await LastServedAsync(keys, versions, ct).ConfigureAwait(false);
        var ours = journaled.Where(e => e.Key.Registry == registry.Name).ToList();
        return new RegistryInventory(policy, [.. versions.Select(v => WithServed(v, registry.Name, served))])
        {
            Busy = ours.Where(e => e.IsUnfinished).Select(e => e.Key).ToHashSet(),
            RestoredAt = ours.Where(e => e.Operation == ArchiveOperation.Restore)
                .GroupBy(e => e.Key)
                .ToDictionary(g => g.Key, g => g.Max(e => e.StartedAt)),
            RolledBackAt = ours.Where(e => e.State == ArchiveEntryState.RolledBack)
                .GroupBy(e => e.Key)
                .ToDictionary(g => g.Key, g => g.Max(e => e.FinishedAt ?? e.StartedAt)),
        };
    }

    private async Task<Dictionary<ModelVersionKey, DateTimeOffset>> LastServedAsync(
        List<ModelVersionKey> keys, IReadOnlyList<ModelVersionInfo> versions, CancellationToken ct)
    {
        var latest = new Dictionary<ModelVersionKey, DateTimeOffset>();
        var marker = new MarkerServingHistory(keys.Zip(versions));
        foreach (var history in _histories.Prepend(marker))
        {
            foreach (var (key, at) in await history.LastServedAsync(keys, ct).ConfigureAwait(false))
            {
                latest[key] = latest.TryGetValue(key, out var known) && known > at ? known : at;
            }
        }

        return latest;
    }

    private static ModelVersionInfo WithServed(
        ModelVersionInfo version, string registry, Dictionary<ModelVersionKey, DateTimeOffset> served) =>
        served.TryGetValue(version.Key(registry), out var at) && at != version.LastServed
            ? version with { LastServed = at }
            : version;

    private static async Task<(IModelRegistry Registry, ModelVersionInfo Version)> FindAsync(
        IReadOnlyList<IModelRegistry> registries, ArchiveScope scope, string model, string version,
        CancellationToken ct)
    {
        var matches = new List<(IModelRegistry, ModelVersionInfo)>();
        foreach (var registry in registries.Where(r => scope.Registry is null || r.Name == scope.Registry))
        {
            if (await registry.GetVersionAsync(model, version, ct).ConfigureAwait(false) is { } found)
            {
                matches.Add((registry, found));
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new FrugalInputException($"no version '{version}' of model '{model}' in "
                + (scope.Registry is null ? "any registry of the policy" : $"registry '{scope.Registry}'")),
            _ => throw new FrugalInputException($"model '{model}' version '{version}' is in several registries ("
                + string.Join(", ", matches.Select(m => m.Item1.Name)) + "); name one with --registry"),
        };
    }

    private static IEnumerable<(ModelRegistryPolicy Policy, IModelRegistry Registry)> InScope(
        ModelArchivePolicy policy, IReadOnlyList<IModelRegistry> registries, ArchiveScope scope)
    {
        var byName = ByName(registries);
        return policy.Registries
            .Where(r => scope.Registry is null || r.Name == scope.Registry)
            .Where(r => byName.ContainsKey(r.Name))
            .Select(r => (r, byName[r.Name]));
    }

    private static Dictionary<string, IModelRegistry> ByName(IReadOnlyList<IModelRegistry> registries) =>
        registries.ToDictionary(r => r.Name, StringComparer.Ordinal);
}
