using System.Text.Json.Serialization;

namespace Frugal.GpuWorker.Jobs;

/// <summary>
/// A batch job as the control plane enqueues it (JSON, camelCase). <see cref="Input"/> and <see cref="Output"/> are
/// blob URLs or file paths; <see cref="Version"/> null means the latest; <see cref="Precision"/> is for quantize.
/// </summary>
internal sealed record JobMessage
{
    public string Id { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Model { get; init; } = "";

    public string? Version { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string Priority { get; init; } = "normal";

    public string? Precision { get; init; }

    /// <summary>The failure of the previous attempt, set by the worker when it puts the message back.</summary>
    [JsonPropertyName("lastError")]
    public string? LastError { get; init; }
}

/// <summary>What a job came to, posted to the results queue for the control plane.</summary>
internal sealed record JobResult
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required string Model { get; init; }

    /// <summary>The version run (infer) or created (quantize); null when the job failed before choosing one.</summary>
    public string? Version { get; init; }

    public string? Output { get; init; }

    public string? Report { get; init; }

    public double GpuSeconds { get; init; }

    public long Predictions { get; init; }

    public decimal Cost { get; init; }

    public decimal CostPer1000 { get; init; }

    public required string Currency { get; init; }

    public required string Provider { get; init; }

    public int Attempts { get; init; }

    /// <summary>True when the job had already finished and this is the stored result sent again.</summary>
    public bool Duplicate { get; init; }

    public string? Error { get; init; }
}
