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
public sealed class BudgetJob(TimeProvider time, IEnumerable<IActionHandler> handlers, ILoggerFactory loggers)
{
    private readonly IReadOnlyList<IActionHandler> _handlers = handlers.ToList();

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
        var files = FocusFiles.Resolve(request, policy);
        var options = new FocusReadOptions
        {
            Strict = request.Strict,
            Logger = loggers.CreateLogger("Frugal.Ledger"),
        };
        var ledger = await FocusLedgerReader.ReadAsync(files, options, ct).ConfigureAwait(false);
        return (policy, ledger);
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
