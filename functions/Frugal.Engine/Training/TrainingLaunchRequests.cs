using System.Security.Cryptography;
using System.Text;

namespace Frugal.Engine.Training;

/// <summary>
/// Builds what Compute is asked: the VM's name and request ids are functions of the job, its attempt and the zone,
/// so a tick that retries, or a second tick doing the same work, sends the same request and Compute makes one VM.
/// </summary>
public static class TrainingLaunchRequests
{
    /// <summary>The label that ties a VM to its job.</summary>
    public const string JobLabel = "frugal-training-job";

    /// <summary>The metadata key a job watches: <c>requested</c> when Frugal asks it to checkpoint and stop.</summary>
    public const string CheckpointKey = "frugal-checkpoint";

    /// <summary>The metadata key holding the checkpoint URI the job resumes from and writes its marker to.</summary>
    public const string CheckpointUriKey = "frugal-checkpoint-uri";

    /// <summary><c>frugal-{job}-{attempt}</c>: a valid Compute name (lower case, at most 63 characters).</summary>
    public static string InstanceName(string jobId, int attempt) => $"frugal-{jobId}-{attempt}";

    /// <summary>
    /// A UUID (the form Compute accepts) from a hash of what the request does: the same inputs give the same id.
    /// </summary>
    public static string RequestId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    public static SpotLaunchRequest Build(
        TrainingJob job, string project, string zone, ProvisioningModel model, int attempt)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = job.Spec;
        var labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal)
        {
            [JobLabel] = job.Id,
            ["frugal-attempt"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new SpotLaunchRequest(
            new InstanceRef(project, zone, InstanceName(job.Id, attempt)),
            spec.MachineType,
            spec.Accelerator,
            spec.BootDisk,
            spec.ServiceAccount,
            labels,
            Metadata(spec),
            model,
            spec.TerminationAction,
            spec.MaxRunTime,
            RequestId("insert", job.Id, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), zone,
                model.ToString()));
    }

    private static Dictionary<string, string> Metadata(TrainingJobSpec spec)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckpointUriKey] = spec.CheckpointUri.ToString(),
        };
        if (spec.StartupScript is { } script)
        {
            metadata["startup-script"] = script;
        }

        if (spec.Image is { } image)
        {
            metadata["gce-container-declaration"] = ContainerDeclaration(image, spec.Arguments);
        }

        return metadata;
    }

    // The declaration Container-Optimized OS reads from metadata; restartPolicy Never, as a finished run must stay
    // finished until Frugal reads its marker and deletes the VM.
    private static string ContainerDeclaration(string image, IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder("spec:\n  containers:\n  - image: ").Append(Quote(image)).Append('\n');
        if (arguments.Count > 0)
        {
            text.Append("    args:\n");
            foreach (var argument in arguments)
            {
                text.Append("    - ").Append(Quote(argument)).Append('\n');
            }
        }

        return text.Append("  restartPolicy: Never\n").ToString();
    }

    private static string Quote(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
