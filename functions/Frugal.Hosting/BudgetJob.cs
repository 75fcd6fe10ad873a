using Frugal.Engine;
using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Execution;
using Frugal.Engine.Ledger;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting;

/// <summary>
/// The main job as every host runs it: load the policy, read the cost data it names, open the state, then plan
/// (changing nothing) or run (carrying the plan out).
/// </summary>
public sealed class BudgetJob(
    TimeProvider time, IEnumerable<IActionHandler> handlers, ILoggerFactory loggers, IEnumerable<ICostSource> sources)
{
    private readonly IReadOnlyList<IActionHandler> _handlers = handlers.ToList();
    private readonly IReadOnlyList<ICostSource> _sources = sources.ToList();

    /// <summary>Evaluates and plans. Reads state if there is any; writes nothing.</summary>
    public async Task<BudgetJobResult> PlanAsync(BudgetJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (policy, ledger) = await LoadAsync(request, ct).ConfigureAwait(false);
        IStateStore store = SqliteStateStore.OpenReadOnly(StatePath(request, policy)) ?? (IStateStore)EmptyStateStore.Instance;
        var reports = await CloudReportsAsync(store, ct).ConfigureAwait(false);
        var plan = await Cycle(store).PlanAsync(policy, ledger, reports, ct).ConfigureAwait(false);
        return new BudgetJobResult(policy, ledger, plan, null);
    }

    /// <summary>Plans and carries the plan out, recording everything in state.</summary>
    public async Task<BudgetJobResult> RunAsync(BudgetJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (policy, ledger) = await LoadAsync(request, ct).ConfigureAwait(false);
        var store = SqliteStateStore.Open(StatePath(request, policy));
        var reports = await CloudReportsAsync(store, ct).ConfigureAwait(false);
        var (plan, report) = await Cycle(store).RunAsync(policy, ledger, reports, ct).ConfigureAwait(false);
        return new BudgetJobResult(policy, ledger, plan, report);
    }

    /// <summary>The state file a request uses: the request's, else the policy's, else beside the policy.</summary>
    public static string StatePath(BudgetJobRequest request, FrugalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (!string.IsNullOrWhiteSpace(request.StatePath))
        {
            return Path.GetFullPath(request.StatePath);
        }

        var policyFolder = Path.GetDirectoryName(Path.GetFullPath(request.PolicyPath)) ?? ".";
        return Path.GetFullPath(policy.State.Path ?? Path.Combine(".frugal", "state.db"), policyFolder);
    }

    private async Task<(FrugalPolicy Policy, CostLedger Ledger)> LoadAsync(BudgetJobRequest request, CancellationToken ct)
    {
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        var others = _sources.Where(s => s.IsConfigured(policy)).ToList();
        if (policy.Sources.BigQuery is not null && !others.Any(s => s.Name == "bigquery"))
        {
            throw new FrugalInputException(
                $"{request.PolicyPath}: sources.bigquery needs access to Google: set Frugal:Google:Enabled to true");
        }

        var hasFocus = request.FocusPaths is { Count: > 0 } || policy.Sources.Focus.Count > 0;
        var focus = hasFocus || others.Count == 0 ? await ReadFocusAsync(request, policy, ct).ConfigureAwait(false) : null;
        if (others.Count == 0)
        {
            return (policy, focus!);
        }

        // Several sources: their records go into one ledger, summed where they share a day, slice and currency.
        var merged = new CostLedgerBuilder();
        if (focus is not null)
        {
            merged.Add(focus);
        }

        foreach (var source in others)
        {
            merged.Add(await source.ReadAsync(policy, time.GetUtcNow(), ct).ConfigureAwait(false));
        }

        return (policy, merged.Build());
    }

    private async Task<CostLedger> ReadFocusAsync(BudgetJobRequest request, FrugalPolicy policy, CancellationToken ct)
    {
        var files = FocusFiles.Resolve(request, policy);
        var options = new FocusReadOptions
        {
            Strict = request.Strict,
            Logger = loggers.CreateLogger("Frugal.Ledger"),
        };
        return await FocusLedgerReader.ReadAsync(files, options, ct).ConfigureAwait(false);
    }

    /// <summary>Budget alerts the clouds pushed that may concern the current periods; none without state.</summary>
    private Task<IReadOnlyList<BudgetEvent>> CloudReportsAsync(IStateStore store, CancellationToken ct) =>
        store is IBudgetEventStore events
            ? events.ReadSinceAsync(time.GetUtcNow() - CloudSpend.Lookback, ct)
            : Task.FromResult<IReadOnlyList<BudgetEvent>>([]);

    private BudgetCycle Cycle(IStateStore store) =>
        new(store, new PlanExecutor(store, _handlers, time, loggers.CreateLogger<PlanExecutor>()), time);
}

/// <summary>What to run the job on. Paths may be relative to the working folder.</summary>
public sealed record BudgetJobRequest(
    string PolicyPath,
    IReadOnlyList<string>? FocusPaths = null,
    string? StatePath = null,
    bool Strict = false);

/// <summary>What the job saw, planned and (for a run) did.</summary>
public sealed record BudgetJobResult(FrugalPolicy Policy, CostLedger Ledger, BudgetPlan Plan, ExecutionReport? Report);
