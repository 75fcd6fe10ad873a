namespace Frugal.Engine.GpuJobs;

/// <summary>
/// A job request as given, every field still text: what a JSON body or the command line's flags hold before
/// <see cref="GpuJobRules"/> checks it.
/// </summary>
public sealed record GpuJobDraft
{
    public string? Id { get; init; }

    public string? Kind { get; init; }

    public string? Model { get; init; }

    public string? Version { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? Priority { get; init; }

    public string? Precision { get; init; }

    public string? Budget { get; init; }
}

/// <summary>A field of a job request that is wrong, and why.</summary>
public sealed record GpuJobFieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A checked request, or every field at fault.</summary>
public sealed record GpuJobCheck(GpuJobRequest? Request, IReadOnlyList<GpuJobFieldError> Errors)
{
    public bool IsValid => Request is not null;

    /// <summary>The request, or a <see cref="FrugalInputException"/> naming each field at fault.</summary>
    public GpuJobRequest RequestOrThrow(string source) =>
        Request ?? throw new FrugalInputException(
            string.Join('\n', Errors.Select(e => $"{source}: {e}")));
}
