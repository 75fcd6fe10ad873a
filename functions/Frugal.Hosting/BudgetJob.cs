using Frugal.Engine;
using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Execution;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.Focus.Parquet;
using Frugal.Hosting.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting;

/// <summary>
/// The main job as every host runs it: load the policy, read the cost data it names, open the state, then plan
/// (changing nothing) or run (carrying the plan out and sending notifications). It also sends the daily digest on
/// demand and a test message through one channel.
/// </summary>
public sealed class BudgetJob(
    TimeProvider time,
    IEnumerable<IActionHandler> handlers,
    IEnumerable<INotificationChannel> channels,
    ILoggerFactory loggers,
    IEnumerable<ICostSource> sources,
    IEnumerable<IFocusFileProvider> fileProviders,
    StateChoice state,
    IEnumerable<IRecommendationSource> recommendations)
{
    private readonly IRecommendationSource? _recommendations = recommendations.FirstOrDefault();
    private readonly IReadOnlyList<IActionHandler> _handlers = handlers.ToList();
    private readonly IReadOnlyList<INotificationChannel> _channels = channels.ToList();
    private readonly IReadOnlyList<ICostSource> _sources = sources.ToList();
    private readonly IReadOnlyList<IFocusFileProvider> _fileProviders = fileProviders.ToList();

    /// <summary>Evaluates and plans. Reads state if there is any; writes nothing.</summary>
    public async Task<BudgetJobResult> PlanAsync(BudgetJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (policy, ledger) = await LoadAsync(request, ct).ConfigureAwait(false);
        var stores = state.OpenReadOnly(StatePath(request, policy));
        var store = stores?.Store ?? EmptyStateStore.Instance;
        var reports = await CloudReportsAsync(stores?.BudgetEvents, ct).ConfigureAwait(false);
        var plan = await Cycle(store).PlanAsync(policy, ledger, reports, ct).ConfigureAwait(false);
        return new BudgetJobResult(policy, ledger, plan, null);
    }

    /// <summary>Plans and carries the plan out, recording everything in state.</summary>
    public async Task<BudgetJobResult> RunAsync(BudgetJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (policy, ledger) = await LoadAsync(request, ct).ConfigureAwait(false);
        var stores = state.Open(StatePath(request, policy));
        var reports = await CloudReportsAsync(stores.BudgetEvents, ct).ConfigureAwait(false);
        var (plan, report) = await Cycle(stores.Store).RunAsync(policy, ledger, reports, ct).ConfigureAwait(false);
        return new BudgetJobResult(policy, ledger, plan, report);
    }

    /// <summary>Records today's digest for the channels routed for it that have not had it, and sends it.</summary>
    public async Task<DigestJobResult> DigestAsync(BudgetJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (policy, ledger) = await LoadAsync(request, ct).ConfigureAwait(false);
        var store = state.Open(StatePath(request, policy)).Store;
        var (digest, deliveries) = await Cycle(store).DigestAsync(policy, ledger, ct).ConfigureAwait(false);
        return new DigestJobResult(policy, digest, deliveries);
    }

    /// <summary>Sends a test message through one channel of the policy, past the outbox; records nothing.</summary>
    public async Task<DeliveryResult> SendTestAsync(string policyPath, string channel, CancellationToken ct)
    {
        var policy = PolicyLoader.LoadValid(policyPath);
        return await new ChannelCheck(_channels, time).SendTestAsync(policy, channel, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The state file a request uses (stores kept elsewhere ignore it): the request's, else the policy's, else
    /// beside the policy.
    /// </summary>
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

    private async Task<(FrugalPolicy Policy, CostLedger Ledger)> LoadAsync(
        BudgetJobRequest request, CancellationToken ct)
    {
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        var others = _sources.Where(s => s.IsConfigured(policy)).ToList();
        if (policy.Sources.BigQuery is not null && !others.Any(s => s.Name == "bigquery"))
        {
            throw new FrugalInputException(
                $"{request.PolicyPath}: sources.bigquery needs access to Google: set Frugal:Google:Enabled to true");
        }

        var mirrored = await MirroredFilesAsync(request, policy, ct).ConfigureAwait(false);
        var hasFocus = request.FocusPaths is { Count: > 0 } || policy.Sources.Focus.Count > 0;
        var files = hasFocus || (others.Count == 0 && mirrored.Count == 0)
            ? [.. FocusFiles.Resolve(request, policy), .. mirrored]
            : mirrored;
        var focus = files.Count > 0 ? await ReadFocusAsync(files, request.Strict, ct).ConfigureAwait(false) : null;
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

    private async Task<IReadOnlyList<string>> MirroredFilesAsync(
        BudgetJobRequest request, FrugalPolicy policy, CancellationToken ct)
    {
        var stateFolder = Path.GetDirectoryName(StatePath(request, policy))!;
        var files = new List<string>();
        foreach (var provider in _fileProviders.Where(p => p.IsConfigured(policy)))
        {
            files.AddRange(await provider.SyncAsync(policy, stateFolder, ct).ConfigureAwait(false));
        }

        return files;
    }

    /// <summary>Reads CSV and Parquet FOCUS files into one ledger.</summary>
    private async Task<CostLedger> ReadFocusAsync(IReadOnlyList<string> files, bool strict, CancellationToken ct)
    {
        var options = new FocusReadOptions { Strict = strict, Logger = loggers.CreateLogger("Frugal.Ledger") };
        var parquet = files.Where(IsParquet).ToList();
        var csv = files.Where(f => !IsParquet(f)).ToList();
        if (parquet.Count == 0)
        {
            return await FocusLedgerReader.ReadAsync(csv, options, ct).ConfigureAwait(false);
        }

        var merged = new CostLedgerBuilder();
        merged.Add(await FocusParquetReader.ReadAsync(parquet, options, ct).ConfigureAwait(false));
        if (csv.Count > 0)
        {
            merged.Add(await FocusLedgerReader.ReadAsync(csv, options, ct).ConfigureAwait(false));
        }

        return merged.Build();
    }

    private static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Budget alerts the clouds pushed that may concern the current periods; none without state.</summary>
    private Task<IReadOnlyList<BudgetEvent>> CloudReportsAsync(IBudgetEventStore? events, CancellationToken ct) =>
        events is not null
            ? events.ReadSinceAsync(time.GetUtcNow() - CloudSpend.Lookback, ct)
            : Task.FromResult<IReadOnlyList<BudgetEvent>>([]);

    private BudgetCycle Cycle(IStateStore store) =>
        new(
            store,
            new PlanExecutor(store, _handlers, time, loggers.CreateLogger<PlanExecutor>()),
            new NotificationDispatcher(store, _channels, time, loggers.CreateLogger<NotificationDispatcher>()),
            time,
            _recommendations);
}

/// <summary>What to run the job on. Paths may be relative to the working folder.</summary>
public sealed record BudgetJobRequest(
    string PolicyPath,
    IReadOnlyList<string>? FocusPaths = null,
    string? StatePath = null,
    bool Strict = false);

/// <summary>Which channels a digest went to (or had already had it) and what became of each message sent.</summary>
public sealed record DigestJobResult(
    FrugalPolicy Policy, DigestRecording Digest, IReadOnlyList<NotificationOutcome> Deliveries);

/// <summary>What the job saw, planned and (for a run) did.</summary>
public sealed record BudgetJobResult(FrugalPolicy Policy, CostLedger Ledger, BudgetPlan Plan, ExecutionReport? Report);
