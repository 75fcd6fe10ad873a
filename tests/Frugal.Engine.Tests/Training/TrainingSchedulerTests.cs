using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;
using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Training;

public sealed class TrainingSchedulerTests
{
    // Monday 7 December 2026, 19:00 in Berlin (UTC+1): an hour before the Mon-Fri 20:00-07:00 window.
    private static readonly DateTimeOffset MondayBeforeWindow = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tick_WindowOpens_LaunchesQueuedJobOnSpot()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow);
        await scenario.SubmitAsync(TrainingScenario.Spec());

        await scenario.TickAsync();
        var waiting = await scenario.JobAsync();
        scenario.Time.Advance(TimeSpan.FromMinutes(65));
        await scenario.TickAsync();
        var running = await scenario.JobAsync();

        Assert.Equal(TrainingJobState.Queued, waiting.State);
        Assert.Contains("next opens at 2026-12-07 19:00:00Z", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(TrainingJobState.Running, running.State);
        var insert = Assert.Single(scenario.Compute.Inserts);
        Assert.Equal(ProvisioningModel.Spot, insert.ProvisioningModel);
        Assert.Equal("europe-west4-a", insert.Instance.Zone);
        Assert.Equal("bert", insert.Labels[TrainingLaunchRequests.JobLabel]);
        Assert.Equal("gs://ml-checkpoints/bert", insert.Metadata[TrainingLaunchRequests.CheckpointUriKey]);
        Assert.True(Guid.TryParse(insert.RequestId, out _));
        Assert.Equal(1.8m, running.Costs.Estimated!.Value.Amount);
    }

    [Fact]
    public async Task Tick_PreemptedMidRun_RelaunchesFromSameCheckpoint()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        await scenario.SubmitAsync(TrainingScenario.Spec());
        await scenario.TickAsync();
        var first = (await scenario.JobAsync()).Placement!.Instance;
        scenario.Time.Advance(TimeSpan.FromMinutes(90));
        scenario.Compute.Preempt(first);
        scenario.Time.Advance(TimeSpan.FromMinutes(5));

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Running, job.State);
        Assert.Equal((2, 1), (job.Attempt, job.Restarts));
        Assert.Equal(90m, job.GpuMinutesLost);
        Assert.Contains(first, scenario.Compute.Deletes);
        var relaunch = scenario.Compute.Inserts[^1];
        Assert.Equal("frugal-bert-2", relaunch.Instance.Name);
        Assert.Equal("gs://ml-checkpoints/bert", relaunch.Metadata[TrainingLaunchRequests.CheckpointUriKey]);
        Assert.Equal(0.45m, job.Costs.Actual!.Value.Amount);
    }

    [Fact]
    public async Task Tick_FirstZoneExhausted_LaunchesInNextZone()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        scenario.Compute.Refuse("europe-west4-a", "ZONE_RESOURCE_POOL_EXHAUSTED");
        await scenario.SubmitAsync(TrainingScenario.Spec());

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Running, job.State);
        Assert.Equal("europe-west4-b", job.Placement!.Zone);
        Assert.Equal(["europe-west4-a", "europe-west4-b"], scenario.Compute.Inserts.Select(i => i.Instance.Zone));
        Assert.Single(scenario.Compute.Instances);
    }

    [Fact]
    public async Task Tick_LaunchedInAnotherRegion_ChargedAtThatRegionsCatalogPrice()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2))
        {
            Catalog = new RegionalCatalog(new() { ["europe-west4"] = 0.01m, ["us-central1"] = 0.02m }),
        };
        scenario.Compute.Refuse("europe-west4-a", "ZONE_RESOURCE_POOL_EXHAUSTED");
        await scenario.SubmitAsync(TrainingScenario.Spec("bert", "europe-west4-a", "us-central1-a"));

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal("us-central1-a", job.Placement!.Zone);
        // Admitted at europe-west4's price (the first zone's region) over the 6 h run; every part of the machine
        // costs twice as much per unit in us-central1 in this catalog, and that is what the attempt is charged.
        var europeHourly = job.Costs.Estimated!.Value.Amount / 6m;
        Assert.True(europeHourly > 0m);
        Assert.Equal(europeHourly * 2, job.Placement.HourlyRate!.Value.Amount);
    }

    [Fact]
    public async Task Tick_EveryZoneRefusedEnoughTimes_FallsBackToOnDemandWhenAllowed()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        scenario.Training = scenario.Training with { Limits = new TrainingLimits { ZoneAttempts = 1 } };
        scenario.Compute.Refuse("europe-west4-a", "QUOTA_EXCEEDED");
        scenario.Compute.Refuse("europe-west4-b", "ZONE_RESOURCE_POOL_EXHAUSTED");
        await scenario.SubmitAsync(TrainingScenario.Spec() with { OnDemandFallback = true });

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Running, job.State);
        Assert.Equal(ProvisioningModel.Standard, job.Placement!.Model);
        Assert.Equal("europe-west4-a", job.Placement.Zone);
    }

    [Fact]
    public async Task Tick_NoCapacityAndNoOnDemand_StaysQueuedWithReason()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        scenario.Compute.Refuse("europe-west4-a", "ZONE_RESOURCE_POOL_EXHAUSTED");
        scenario.Compute.Refuse("europe-west4-b", "QUOTA_EXCEEDED");
        await scenario.SubmitAsync(TrainingScenario.Spec());

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Queued, job.State);
        Assert.Contains("europe-west4-b: 1", job.Reason, StringComparison.Ordinal);
        Assert.Contains("does not allow on demand", job.Reason, StringComparison.Ordinal);
        Assert.Empty(scenario.Compute.Instances);
    }

    [Fact]
    public async Task Tick_InsertStillRunning_NextTickRepeatsSameRequestAndMakesOneVm()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        scenario.Compute.Slow("europe-west4-a");
        await scenario.SubmitAsync(TrainingScenario.Spec());

        await scenario.TickAsync();
        var launching = await scenario.JobAsync();
        scenario.Compute.Finish();
        scenario.Time.Advance(TimeSpan.FromMinutes(5));
        await scenario.TickAsync();

        Assert.Equal(TrainingJobState.Launching, launching.State);
        Assert.Contains("waiting for operation", launching.Reason, StringComparison.Ordinal);
        var running = await scenario.JobAsync();
        Assert.Equal((TrainingJobState.Running, 1), (running.State, running.Attempt));
        Assert.Equal(2, scenario.Compute.Inserts.Count);
        Assert.Single(scenario.Compute.Inserts.Select(i => i.RequestId).Distinct());
        Assert.Single(scenario.Compute.Instances);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_DeletesVmAndCancels()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        await scenario.SubmitAsync(TrainingScenario.Spec());
        await scenario.TickAsync();
        scenario.Time.Advance(TimeSpan.FromHours(1));

        var cancelled = await scenario.Scheduler().CancelAsync("bert", TestContext.Current.CancellationToken);

        Assert.Equal(TrainingJobState.Cancelled, cancelled!.State);
        Assert.Empty(scenario.Compute.Instances);
        Assert.Equal(0.30m, cancelled.Costs.Actual!.Value.Amount);
    }

    [Fact]
    public async Task Tick_TimerFiresTwiceAtOnce_MakesOneVm()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        await scenario.SubmitAsync(TrainingScenario.Spec());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(scenario.TickAsync)));

        Assert.Single(scenario.Compute.Instances);
        Assert.Single(scenario.Compute.Inserts.Select(i => i.RequestId).Distinct());
        Assert.Equal(TrainingJobState.Running, (await scenario.JobAsync()).State);
    }

    [Fact]
    public async Task Tick_BudgetForecastWouldReachHoldRung_JobWaitsWithReason()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        var budget = TestPolicies.Budget(amount: 1000m, thresholds: TestPolicies.Hold(0.9m));
        scenario.Budgets = [Status(budget, forecast: 899m)];
        await scenario.SubmitAsync(TrainingScenario.Spec() with { Budget = budget.Name });

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Queued, job.State);
        Assert.Contains("would reach the hold level USD 900.00", job.Reason, StringComparison.Ordinal);
        Assert.Empty(scenario.Compute.Inserts);
    }

    [Fact]
    public async Task Tick_BudgetHasRoom_Launches()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        var budget = TestPolicies.Budget(amount: 1000m, thresholds: TestPolicies.Hold(0.9m));
        scenario.Budgets = [Status(budget, forecast: 500m)];
        await scenario.SubmitAsync(TrainingScenario.Spec() with { Budget = budget.Name });

        await scenario.TickAsync();

        Assert.Equal(TrainingJobState.Running, (await scenario.JobAsync()).State);
    }

    [Fact]
    public async Task Tick_DeadlinePassedWhileWaiting_ExpiresAndNotifies()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(-6));
        await scenario.SubmitAsync(TrainingScenario.Spec() with { Deadline = MondayBeforeWindow.AddHours(-1) });
        await scenario.TickAsync();
        scenario.Time.Advance(TimeSpan.FromHours(5));

        await scenario.TickAsync();
        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Expired, job.State);
        Assert.Contains("waiting for the off-peak window", job.Reason, StringComparison.Ordinal);
        var (audit, envelopes) = Assert.Single(scenario.State.Events);
        Assert.Equal("training|bert|0|expired", audit.Key);
        Assert.Equal("ops", Assert.Single(envelopes).Channel);
        Assert.Empty(scenario.Compute.Inserts);
    }

    [Fact]
    public async Task Tick_WindowCloses_InterruptibleJobCheckpointsAndResumesNextWindow()
    {
        var tuesdayMorning = new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero);
        var scenario = new TrainingScenario(tuesdayMorning);
        await scenario.SubmitAsync(TrainingScenario.Spec());
        await scenario.TickAsync();

        scenario.Time.Advance(TimeSpan.FromMinutes(65));
        await scenario.TickAsync();
        var checkpointing = await scenario.JobAsync();
        scenario.Time.Advance(TimeSpan.FromMinutes(10));
        await scenario.TickAsync();
        var paused = await scenario.JobAsync();
        scenario.Time.Advance(TimeSpan.FromHours(13));
        await scenario.TickAsync();
        var resumed = await scenario.JobAsync();

        Assert.Equal(TrainingJobState.Checkpointing, checkpointing.State);
        var (instance, items) = Assert.Single(scenario.Compute.MetadataSets);
        Assert.Equal("requested", items[TrainingLaunchRequests.CheckpointKey]);
        Assert.Equal(TrainingJobState.Queued, paused.State);
        Assert.Contains(instance, scenario.Compute.Deletes);
        Assert.Equal(TrainingJobState.Running, resumed.State);
        Assert.Equal((2, 0), (resumed.Attempt, resumed.Restarts));
        Assert.Equal("frugal-bert-2", resumed.Placement!.InstanceName);
    }

    [Fact]
    public async Task Tick_JobWritesSuccessMarker_SucceedsDeletesVmAndShowsSaving()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        var spec = TrainingScenario.Spec();
        await scenario.SubmitAsync(spec);
        await scenario.TickAsync();
        scenario.Time.Advance(TimeSpan.FromHours(2));
        scenario.Outcomes.Written[spec.CheckpointUri] = new TrainingOutcome(true, null, scenario.Time.GetUtcNow());

        await scenario.TickAsync();

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Succeeded, job.State);
        Assert.Empty(scenario.Compute.Instances);
        Assert.Equal((0.60m, 1.70m, 1.10m),
            (job.Costs.Actual!.Value.Amount, job.Costs.OnDemandEquivalent!.Value.Amount,
                job.Costs.Saving!.Value.Amount));
    }

    [Fact]
    public async Task Tick_PreemptedMoreThanMaxRestarts_GivesUpAndNotifies()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        scenario.Training = scenario.Training with { Limits = new TrainingLimits { MaxRestarts = 1 } };
        await scenario.SubmitAsync(TrainingScenario.Spec());
        await scenario.TickAsync();

        for (var i = 0; i < 2; i++)
        {
            scenario.Time.Advance(TimeSpan.FromMinutes(10));
            scenario.Compute.Preempt((await scenario.JobAsync()).Placement!.Instance);
            await scenario.TickAsync();
        }

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Failed, job.State);
        Assert.Contains("given up after 1 restarts", job.Reason, StringComparison.Ordinal);
        Assert.Equal("training|bert|2|given up", Assert.Single(scenario.State.Events).Audit.Key);
        Assert.Empty(scenario.Compute.Instances);
    }

    [Fact]
    public async Task Tick_GpuLimitReached_LowerPriorityJobWaits()
    {
        var scenario = new TrainingScenario(MondayBeforeWindow.AddHours(2));
        scenario.Training = scenario.Training with { Limits = new TrainingLimits { MaxConcurrentGpus = 1 } };
        await scenario.SubmitAsync(TrainingScenario.Spec("small"));
        await scenario.SubmitAsync(TrainingScenario.Spec("urgent") with { Priority = 10 });

        await scenario.TickAsync();

        Assert.Equal(TrainingJobState.Running, (await scenario.JobAsync("urgent")).State);
        var small = await scenario.JobAsync("small");
        Assert.Equal(TrainingJobState.Queued, small.State);
        Assert.Contains("1 of maxConcurrentGpus 1 in use", small.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_DaylightSavingNight_WindowOpensAtLocalHour()
    {
        // Sunday 29 March 2026: Berlin moved to UTC+2 at 02:00, so 20:00 local is 18:00 UTC, not 19:00.
        var scenario = new TrainingScenario(new DateTimeOffset(2026, 3, 29, 17, 55, 0, TimeSpan.Zero));
        scenario.Training = scenario.Training with { Schedule = TrainingScenario.Schedule("daily 20:00-07:00") };
        await scenario.SubmitAsync(TrainingScenario.Spec());

        await scenario.TickAsync();
        var before = await scenario.JobAsync();
        scenario.Time.Advance(TimeSpan.FromMinutes(10));
        await scenario.TickAsync();

        Assert.Contains("next opens at 2026-03-29 18:00:00Z", before.Reason, StringComparison.Ordinal);
        Assert.Equal(TrainingJobState.Running, (await scenario.JobAsync()).State);
    }

    private static BudgetStatus Status(BudgetPolicy budget, decimal forecast) => new()
    {
        Budget = budget,
        Period = BudgetPeriod.Containing(BudgetPeriodKind.Month, TimeZoneInfo.Utc, MondayBeforeWindow),
        Actual = new(forecast / 2, budget.Currency),
        Forecast = new(forecast, budget.Currency),
        LinearRunRate = new(forecast, budget.Currency),
        ForecastMethod = "test",
        Crossed = [],
    };

    /// <summary>Every vCPU, GiB and GPU costs one unit price per region, so machines price by region alone.</summary>
    private sealed class RegionalCatalog(Dictionary<string, decimal> unitPrices) : Prices.IPriceCatalog
    {
        public Task<Prices.ResourcePrice?> FindAsync(Prices.ComputePriceQuery query, CancellationToken ct) =>
            Task.FromResult<Prices.ResourcePrice?>(unitPrices.TryGetValue(query.Region, out var price)
                ? new Prices.ResourcePrice("sku", query.Region, "h", [new(0m, new(price, query.Currency))])
                : null);
    }
}
