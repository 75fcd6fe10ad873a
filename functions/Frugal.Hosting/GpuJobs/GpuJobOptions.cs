using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// Where GPU jobs are sent, bound from <c>Frugal:GpuJobs</c> (app settings <c>Frugal__GpuJobs__*</c>). Without a
/// connection string no job is sent: held jobs are still recorded, and jobs that would go are refused.
/// </summary>
public sealed class GpuJobOptions
{
    public const string Section = "Frugal:GpuJobs";

    /// <summary>The Azure Storage account of the worker pool's queues (a connection string or a SAS one).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The queue service endpoint, reached with the host's identity (a deployed app's managed identity) where no
    /// connection string is given; the host must offer an Azure credential (the Functions app and serve do).
    /// </summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The worker's <c>Jobs:QueueName</c>; high-priority jobs go to the same name plus <c>-high</c>.</summary>
    public string QueueName { get; set; } = "gpu-jobs";

    /// <summary>The worker's <c>Jobs:ResultQueueName</c>, read by <c>frugal serve</c>.</summary>
    public string ResultQueueName { get; set; } = "gpu-results";

    /// <summary>How long one send may take in all, retries included.</summary>
    public int SendTimeoutSeconds { get; set; } = 60;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || QueueServiceUri is not null;
}

/// <summary>Checks the GPU job settings at start-up, naming each key that is wrong.</summary>
internal sealed partial class GpuJobOptionsValidator : IValidateOptions<GpuJobOptions>
{
    public ValidateOptionsResult Validate(string? name, GpuJobOptions options)
    {
        var errors = new List<string>();
        if (!QueueNamePattern().IsMatch(options.QueueName))
        {
            errors.Add($"{GpuJobOptions.Section}:QueueName: '{options.QueueName}' is not a queue name (3-58 " +
                "lower-case letters, digits and single hyphens, so that the '-high' queue's name is valid too)");
        }

        if (!QueueNamePattern().IsMatch(options.ResultQueueName))
        {
            errors.Add($"{GpuJobOptions.Section}:ResultQueueName: '{options.ResultQueueName}' is not a queue name " +
                "(3-58 lower-case letters, digits and single hyphens, so that its '-poison' queue's is valid too)");
        }

        if (options.QueueServiceUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme is not ("https" or "http")))
        {
            errors.Add($"{GpuJobOptions.Section}:QueueServiceUri: '{uri}' is not an absolute http(s) URL");
        }

        if (options.SendTimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"{GpuJobOptions.Section}:SendTimeoutSeconds: {options.SendTimeoutSeconds} is not 1 to 600");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^(?=.{3,58}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex QueueNamePattern();
}
