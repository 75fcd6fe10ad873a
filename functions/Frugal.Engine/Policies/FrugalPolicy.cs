namespace Frugal.Engine.Policies;

/// <summary>A validated policy: what to watch, what to spend, and what Frugal may do about it.</summary>
public sealed record FrugalPolicy
{
    public required IReadOnlyList<BudgetPolicy> Budgets { get; init; }

    public SafetyPolicy Safety { get; init; } = new();

    public IReadOnlyList<ChannelPolicy> Channels { get; init; } = [];

    public SourcesPolicy Sources { get; init; } = new();

    public StatePolicy State { get; init; } = new();

    /// <summary>Kubernetes autoscaler limits by schedule and by budget; none unless the section is given.</summary>
    public AutoscalingPolicy Autoscaling { get; init; } = AutoscalingPolicy.None;
    /// <summary>Routes, delivery attempts and the daily digest.</summary>
    public NotificationPolicy Notifications { get; init; } = new();
    /// <summary>Stale model versions to move to colder storage; no registries means nothing to do.</summary>
    public ModelArchivePolicy ModelArchive { get; init; } = new();

    /// <summary>Training on Spot VMs in off-peak windows; no jobs and no windows unless the section is given.</summary>
    public Training.TrainingPolicy Training { get; init; } = new();

    /// <summary>When models are retrained on their signals; no rules means none is.</summary>
    public RetrainingPolicy Retraining { get; init; } = new();

    /// <summary>The file the policy came from, for messages; null when built in code.</summary>
    public string? SourcePath { get; init; }
}

/// <summary>Guard rails that hold whatever the budgets say.</summary>
public sealed record SafetyPolicy
{
    /// <summary>When true, destructive actions are planned and reported but never carried out.</summary>
    public bool DryRun { get; init; } = true;

    /// <summary>A plan with more actions than this is refused whole: nothing is done.</summary>
    public int MaxActionsPerRun { get; init; } = 20;

    /// <summary>A resource carrying this label (or annotation) is never acted on.</summary>
    public string ExemptionLabel { get; init; } = "frugal.io/exempt";
}

/// <summary>Where cost data comes from when a command is not told otherwise.</summary>
public sealed record SourcesPolicy
{
    /// <summary>FOCUS files or folders, relative paths resolved against the policy file's folder.</summary>
    public IReadOnlyList<string> Focus { get; init; } = [];

    /// <summary>The GCP billing export in BigQuery, or null when not read.</summary>
    public BigQueryExportSource? BigQuery { get; init; }

    /// <summary>Azure Cost Management's FOCUS exports in Blob Storage, or null when not read.</summary>
    public AzureBlobExportSource? AzureBlob { get; init; }
}

/// <summary>Where Frugal keeps its state.</summary>
public sealed record StatePolicy
{
    /// <summary>The SQLite database file; relative paths resolve against the policy file's folder.</summary>
    public string? Path { get; init; }
}

/// <summary>A notification channel declared in the policy; delivery is configured per kind.</summary>
public sealed record ChannelPolicy
{
    public required string Name { get; init; }

    public required ChannelKind Kind { get; init; }

    /// <summary>Kind-specific settings, kept as given (secrets are references such as <c>env:NAME</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>A link (a dashboard, a runbook) that messages to this channel carry; null when none.</summary>
    public string? Link => Settings.TryGetValue("link", out var link) ? link : null;
}

public enum ChannelKind
{
    Console,
    Slack,
    Email,
}
