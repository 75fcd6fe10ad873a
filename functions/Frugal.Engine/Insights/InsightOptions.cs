namespace Frugal.Engine.Insights;

/// <summary>
/// The assumptions behind the report and its recommendations. Every figure a recommendation gives names the ones it
/// used, so a reader can redo the sum.
/// </summary>
public sealed record InsightOptions
{
    public static InsightOptions Default { get; } = new();

    /// <summary>The tag naming the team (spend by team, untagged spend).</summary>
    public string TeamTag { get; init; } = "team";

    /// <summary>The tag naming the model a resource serves or trains, matched with the worker's model names.</summary>
    public string ModelTag { get; init; } = "model";

    /// <summary>The tag naming the Kubernetes cluster a node belongs to, for the schedule snippet.</summary>
    public string ClusterTag { get; init; } = "k8s.io/cluster-name";

    /// <summary>Team tag values whose work is interruptible: training and batch jobs, candidates for Spot.</summary>
    public IReadOnlyList<string> BatchTeams { get; init; } = ["training", "batch"];

    /// <summary>Team tag values of online serving.</summary>
    public IReadOnlyList<string> ServingTeams { get; init; } = ["serving", "inference"];

    /// <summary>
    /// The Spot discount assumed where no price catalog gives one: 0.60, at the low end of what Google Cloud
    /// (60-91 % off) and Azure (up to 90 % off) advertise for GPU VMs, so the estimate errs towards too little.
    /// </summary>
    public decimal FallbackSpotDiscount { get; init; } = 0.60m;

    /// <summary>A GPU pool whose reported busy share is below this is called nearly idle.</summary>
    public decimal IdleBusyShare { get; init; } = 0.20m;

    /// <summary>Serving whose quietest hours cost at least this share of its busiest hour never scales down.</summary>
    public decimal FlatFloorShare { get; init; } = 0.80m;

    /// <summary>How many quiet hours of the day a serving schedule would lower the floor for.</summary>
    public int OffPeakHours { get; init; } = 8;

    /// <summary>The share of off-peak capacity a schedule is assumed to remove (half the replicas).</summary>
    public decimal OffPeakCut { get; init; } = 0.50m;

    /// <summary>A model whose repeated requests (cache hits) are at least this share is flagged.</summary>
    public decimal RepeatShare { get; init; } = 0.25m;

    /// <summary>How many entries each breakdown and the movers list keep.</summary>
    public int Top { get; init; } = 10;
}
