namespace Frugal.Engine.Policies;

/// <summary>
/// Where to read GCP costs from the Cloud Billing export to BigQuery (the standard or the detailed table), and how
/// much the query may cost: BigQuery fails a query that would bill more than <see cref="MaximumBytesBilled"/>.
/// </summary>
public sealed record BigQueryExportSource
{
    /// <summary>The project that runs the query and pays for it.</summary>
    public required string Project { get; init; }

    /// <summary>The export table as <c>project.dataset.table</c>.</summary>
    public required string Table { get; init; }

    /// <summary>The dataset's location (<c>US</c>, <c>EU</c>, <c>europe-west4</c>); null: BigQuery finds it.</summary>
    public string? Location { get; init; }

    /// <summary>Label keys kept as tags of the cost records, for budget scopes.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The most bytes the query may bill; above it BigQuery refuses to run it.</summary>
    public long MaximumBytesBilled { get; init; } = 10L * 1000 * 1000 * 1000;

    /// <summary>How many days back to read: the current period and the history the forecast learns from.</summary>
    public int Days { get; init; } = 62;

    /// <summary>How long the query job may run before BigQuery cancels it.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
