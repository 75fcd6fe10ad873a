using System.ComponentModel.DataAnnotations;

namespace Frugal.GpuWorker.Configuration;

/// <summary>Settings for batch jobs taken from an Azure Storage queue; no connection string turns them off.</summary>
internal sealed class JobOptions
{
    public string? ConnectionString { get; set; }

    [RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string QueueName { get; set; } = "gpu-jobs";

    [RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string ResultQueueName { get; set; } = "gpu-results";

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    [Range(1, 3600)]
    public double VisibilityTimeoutSeconds { get; set; } = 60;

    [Range(0.01, 3600)]
    public double PollIntervalSeconds { get; set; } = 1;

    /// <summary>On shutdown, how long the current job may run on before it is handed back to the queue.</summary>
    [Range(0, 3600)]
    public double StopGraceSeconds { get; set; } = 20;

    /// <summary>How long a failed job waits before its next attempt.</summary>
    [Range(0, 3600)]
    public double RetryDelaySeconds { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public string HighPriorityQueueName => QueueName + "-high";

    public string PoisonQueueName => QueueName + "-poison";
}
