using Frugal.Engine.Budgets;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Frugal.Engine.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Engine.Tests.Training;

/// <summary>A training queue on a fake clock, with fake Compute, outcomes and outbox, ticked by hand.</summary>
internal sealed class TrainingScenario
{
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    public TrainingScenario(DateTimeOffset start, TrainingPolicy? training = null)
    {
        Time = new FakeTimeProvider(start);
        Compute = new FakeComputeInstances(Time);
        Training = training ?? new TrainingPolicy
        {
            Project = "ml-project",
            Schedule = Schedule("Mon-Fri 20:00-07:00"),
            Rates = [new TrainingRate("g2-standard-8", new(0.30m, Usd), new(0.85m, Usd))],
        };
    }

    public FakeTimeProvider Time { get; }

    public FakeComputeInstances Compute { get; }

    public InMemoryTrainingJobStore Store { get; } = new();

    public FakeTrainingOutcomes Outcomes { get; } = new();

    public RecordingStateStore State { get; } = new();

    public TrainingPolicy Training { get; set; }

    /// <summary>The price catalog; null as in a host without Google (the policy's rates price every zone).</summary>
    public Prices.IPriceCatalog? Catalog { get; set; }

    public IReadOnlyList<BudgetStatus>? Budgets { get; set; } = [];

    /// <summary>Where chained GPU jobs go; null as in a host without a GPU job intake.</summary>
    public ITrainingChain? Chain { get; set; }

    public FrugalPolicy Policy => new()
    {
        Budgets = [.. (Budgets ?? []).Select(b => b.Budget)],
        Channels = [new ChannelPolicy { Name = "ops", Kind = ChannelKind.Console }],
        Notifications = new NotificationPolicy { Routes = [new NotificationRoute()] },
        Training = Training,
    };

    public static OffPeakSchedule Schedule(string window, string zone = "Europe/Berlin") =>
        new(zone, [OffPeakWindowText.Parse(window, out _)!], new HashSet<DateOnly>());

    public static TrainingJobSpec Spec(string name = "bert", params string[] zones) => new()
    {
        Name = name,
        Image = "us-docker.pkg.dev/ml/train:1",
        MachineType = "g2-standard-8",
        Accelerator = new AcceleratorRequest("nvidia-l4", 1),
        Zones = zones.Length > 0 ? zones : ["europe-west4-a", "europe-west4-b"],
        CheckpointUri = new Uri($"gs://ml-checkpoints/{name}"),
        MaxRunTime = TimeSpan.FromHours(6),
    };

    public TrainingScheduler Scheduler() =>
        new(Store, Compute, Outcomes, Catalog, new TrainingNotices(State), Time, NullLogger<TrainingScheduler>.Instance)
        {
            Chain = Chain,
        };

    public Task<TrainingTickReport> TickAsync() =>
        Scheduler().TickAsync(new TrainingTick(Policy, Budgets, Budgets is null ? "no cost data" : null),
            TestContext.Current.CancellationToken);

    public async Task SubmitAsync(TrainingJobSpec spec) =>
        Assert.True(await Store.AddAsync(new TrainingJob
        {
            Spec = spec, State = TrainingJobState.Queued, Source = "test", SubmittedAt = Time.GetUtcNow(),
        }, TestContext.Current.CancellationToken));

    public async Task<TrainingJob> JobAsync(string name = "bert") =>
        (await Store.GetAsync(name, TestContext.Current.CancellationToken))!;
}
