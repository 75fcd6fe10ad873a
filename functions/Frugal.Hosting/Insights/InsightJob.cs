using Frugal.Engine;
using Frugal.Engine.Inference;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using Frugal.Engine.Prices;
using Frugal.Hosting.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.Insights;

/// <summary>
/// The report as every host computes it: one grouped pass over the FOCUS files, the worker's usage where something
/// reports it, the archive plan of the registries the policy names, then <see cref="InsightAnalyzer"/>.
/// Spot discounts come from the price catalog where one is registered, for the GPU machine types whose shape is
/// known. Known limit: it reads FOCUS CSV files only (Parquet, BigQuery and mirrored Blob exports feed the budget
/// ledger but not the report, whose grouped query runs on the CSV reader).
/// </summary>
public sealed class InsightJob(
    IModelRegistrySource registries,
    IEnumerable<IModelServingHistory> histories,
    IEnumerable<IInferenceUsage> usage,
    IEnumerable<IPriceCatalog> catalogs,
    TimeProvider time,
    ILoggerFactory loggers,
    StateChoice state) : IRecommendationSource
{
    private const int LookBackDays = 2 * InsightPeriod.MonthDays;

    private readonly IInferenceUsage? _usage = usage.FirstOrDefault();
    private readonly IPriceCatalog? _catalog = catalogs.FirstOrDefault();

    public async Task<InsightReport> ReportAsync(InsightRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = request.PolicyPath is null ? null : PolicyLoader.LoadValid(request.PolicyPath);
        var statePath = policy is null
            ? null
            : BudgetJob.StatePath(new BudgetJobRequest(request.PolicyPath!, StatePath: request.StatePath), policy);
        var journal = statePath is null ? null : state.OpenReadOnly(statePath)?.Journal;
        return await ReportAsync(request, policy, Files(request, policy), journal, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The recommendations on the policy's own FOCUS files over the 30 days the data ends with, for the digest.
    /// The archive plan is made without the journal (whose state file the policy alone does not locate), so a
    /// version being restored may be counted as movable.
    /// </summary>
    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(FrugalPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var files = FocusFiles.Expand(policy.Sources.Focus).Where(IsCsv).ToList();
        if (files.Count == 0)
        {
            return [];
        }

        var report = await ReportAsync(new InsightRequest(), policy, files, null, ct).ConfigureAwait(false);
        return report.Recommendations;
    }

    private async Task<InsightReport> ReportAsync(
        InsightRequest request, FrugalPolicy? policy, IReadOnlyList<string> files, IArchiveJournal? journal,
        CancellationToken ct)
    {
        var options = new FocusReadOptions
        {
            Strict = request.Strict,
            Metric = request.Metric,
            Logger = loggers.CreateLogger("Frugal.Ledger"),
        };
        var today = InsightPeriod.EndingAt(time.GetUtcNow()).To;
        var asked = request.Period ?? new InsightPeriod(today.AddDays(-LookBackDays), today);
        var report = await FocusLedgerReader.QueryAsync(
            files, CostLineQuery.For(asked, InsightOptions.Default), options, ct).ConfigureAwait(false);
        var lines = CostLineQuery.Lines(report);
        var period = request.Period ?? Covered(today, lines);

        var (archive, archiveNote) = await ArchiveAsync(policy, journal ?? EmptyArchiveJournal.Instance, ct)
            .ConfigureAwait(false);
        var (discounts, priceNote) = await SpotDiscountsAsync(period, lines, ct).ConfigureAwait(false);
        var input = new InsightInput(period, lines)
        {
            Metric = request.Metric,
            Usage = await UsageAsync(period, ct).ConfigureAwait(false),
            Archive = archive,
            SpotDiscounts = discounts,
            Notes = [.. new[] { archiveNote, priceNote }.OfType<string>()],
        };
        return InsightAnalyzer.Analyze(input);
    }

    // Without --from/--to the query reads the 120 days before today, and the period is the 30 days ending with the
    // last day the data covers (or today, if the data runs to today), so a finished month reads as itself.
    private static InsightPeriod Covered(DateTimeOffset today, IReadOnlyList<CostLine> lines)
    {
        var end = today;
        if (lines.Count > 0)
        {
            var last = lines.Max(l => l.ChargePeriodStart);
            var dayAfter = new DateTimeOffset(last.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
            end = dayAfter < today ? dayAfter : today;
        }

        return new InsightPeriod(end.AddDays(-InsightPeriod.MonthDays), end);
    }

    // Only with Frugal:Google:Enabled is a catalog registered; without one every SKU gets the fallback discount.
    // A catalog that cannot be read leaves the fallback discount in place, and the report says so.
    private async Task<(IReadOnlyDictionary<string, decimal> Discounts, string? Note)> SpotDiscountsAsync(
        InsightPeriod period, IReadOnlyList<CostLine> lines, CancellationToken ct)
    {
        if (_catalog is null)
        {
            return (new Dictionary<string, decimal>(), null);
        }

        var currency = InsightAnalyzer.LedgerCurrency(period, lines);
        var current = lines.Where(l => l.ChargePeriodStart >= period.From && l.ChargePeriodStart < period.To);
        try
        {
            return (await SpotDiscounts.FromCatalogAsync(_catalog, current, currency, InsightOptions.Default, ct)
                .ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (new Dictionary<string, decimal>(), $"Spot prices were not read from the catalog: {ex.Message}");
        }
    }

    private async Task<IReadOnlyList<Engine.Inference.ModelInferenceUsage>?> UsageAsync(
        InsightPeriod period, CancellationToken ct)
    {
        if (_usage is null)
        {
            return null;
        }

        // The interface includes both ends; the period excludes its end.
        var rows = await _usage.ReadAsync(period.From, period.To.AddTicks(-1), ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows;
    }

    // A registry that cannot be listed (refused, unreachable, whatever its SDK throws) costs the report its storage
    // check, not the rest: the note says so.
    private async Task<(ArchivePlan? Plan, string? Note)> ArchiveAsync(
        FrugalPolicy? policy, IArchiveJournal journal, CancellationToken ct)
    {
        if (policy is null || policy.ModelArchive.Registries.Count == 0)
        {
            return (null, null);
        }

        try
        {
            var executor = new ArchiveExecutor(journal, time, loggers.CreateLogger<ArchiveExecutor>());
            var cycle = new ModelArchiveCycle(journal, histories, executor, time);
            var registryList = registries.Create(policy.ModelArchive);
            return (await cycle.PlanAsync(policy.ModelArchive, registryList, ArchiveScope.All, ct)
                .ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, $"model storage was not checked: {ex.Message}");
        }
    }

    private static bool IsCsv(string path) => !path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> Files(InsightRequest request, FrugalPolicy? policy)
    {
        if (policy is null)
        {
            return request.FocusPaths.Count > 0
                ? FocusFiles.Expand(request.FocusPaths.Select(Path.GetFullPath)).Where(IsCsv).ToList()
                : throw new FrugalInputException("no cost data: give --focus FILE or --policy FILE");
        }

        var files = FocusFiles.Resolve(
            new BudgetJobRequest(request.PolicyPath!, FocusPaths: request.FocusPaths), policy);
        return [.. files.Where(IsCsv)];
    }
}

/// <summary>What to report on: a policy (for its FOCUS files and model registries) or FOCUS files alone.</summary>
public sealed record InsightRequest
{
    public string? PolicyPath { get; init; }

    public IReadOnlyList<string> FocusPaths { get; init; } = [];

    public string? StatePath { get; init; }

    /// <summary>The period; null for the 30 days ending with the data (see <see cref="InsightJob"/>).</summary>
    public InsightPeriod? Period { get; init; }

    public CostMetric Metric { get; init; } = CostMetric.BilledCost;

    public bool Strict { get; init; }
}
