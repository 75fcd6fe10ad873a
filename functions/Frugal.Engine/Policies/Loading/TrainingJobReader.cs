using System.Globalization;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;
using Frugal.Engine.Training;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads one training job: an item of <c>training.jobs</c>, or the whole of a file given to
/// <c>frugal train submit</c> or posted to <c>/api/training-jobs</c>.
/// </summary>
internal static class TrainingJobReader
{
    private static readonly string[] Keys =
    [
        "name", "image", "args", "startupScript", "machineType", "accelerator", "zones", "bootDisk",
        "serviceAccount", "labels", "checkpointUri", "maxRunTime", "deadline", "maxHourlyPrice", "currency",
        "priority", "budget", "onDemandFallback", "interruptible", "terminationAction", "project", "onSuccess",
    ];

    private static readonly string[] ChainKeys =
        ["trainingJob", "kind", "model", "version", "input", "output", "priority", "precision", "budget"];

    private static readonly Dictionary<string, InstanceTerminationAction> Terminations =
        new(StringComparer.Ordinal)
        {
            ["stop"] = InstanceTerminationAction.Stop,
            ["delete"] = InstanceTerminationAction.Delete,
        };

    public static TrainingJobSpec? Read(PolicyNode node, CurrencyCode currency, PolicyErrors errors)
    {
        if (PolicyValues.Mapping(node, "a training job", errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, errors, Keys);
        var before = errors.Count;
        var name = Required(fields, "name");
        var machine = Required(fields, "machineType");
        var checkpoint = CheckpointUri(fields);
        var maxRunTime = fields.Required("maxRunTime", "a training job") is { } runNode
            ? DurationText.Read(runNode, "maxRunTime", errors)
            : null;
        var jobCurrency = Currency(fields) ?? currency;
        var budget = fields.Text("budget");
        var onSuccess = OnSuccess(fields.Value("onSuccess"), budget, errors);
        var spec = name is null || machine is null || checkpoint is null || maxRunTime is null
            ? null
            : new TrainingJobSpec
            {
                Name = name, MachineType = machine, CheckpointUri = checkpoint, MaxRunTime = maxRunTime.Value,
                Zones = fields.TextList("zones"),
                Image = fields.Text("image"),
                Arguments = fields.TextList("args"),
                StartupScript = fields.Text("startupScript"),
                Accelerator = Accelerator(fields.Value("accelerator"), errors),
                BootDisk = BootDisk(fields.Value("bootDisk"), errors),
                ServiceAccount = fields.Text("serviceAccount"),
                Labels = Labels(fields.Value("labels"), errors),
                Deadline = Deadline(fields),
                MaxHourlyPrice = fields.Number("maxHourlyPrice") is { } max ? new(max, jobCurrency) : null,
                Priority = fields.WholeNumber("priority") ?? 0,
                Budget = budget,
                OnDemandFallback = fields.Flag("onDemandFallback") ?? false,
                Interruptible = fields.Flag("interruptible") ?? true,
                TerminationAction =
                    fields.Choice("terminationAction", Terminations) ?? InstanceTerminationAction.Delete,
                Project = fields.Text("project"),
                OnSuccess = onSuccess,
            };
        if (spec is not null)
        {
            foreach (var (field, message) in TrainingJobSpecRules.Check(spec))
            {
                errors.Add(fields.Value(field.Split('.')[0]) ?? mapping, $"{field}: {message}");
            }
        }

        return errors.Count == before ? spec : null;
    }

    /// <summary>
    /// <c>onSuccess</c>: <c>{trainingJob: TEMPLATE}</c>, or a GPU job checked by the worker's rules. The GPU job's
    /// budget defaults to the training job's; whether the policy has that budget is for the caller to check.
    /// </summary>
    private static TrainingChainSpec? OnSuccess(PolicyNode? node, string? jobBudget, PolicyErrors errors)
    {
        if (node is null || PolicyValues.Mapping(node, "onSuccess", errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, errors, ChainKeys);
        if (fields.Text("trainingJob") is { } template)
        {
            foreach (var key in ChainKeys.Skip(1).Where(fields.Has))
            {
                errors.Add(fields.Value(key)!, $"onSuccess.{key}: 'onSuccess' runs either a training template "
                    + "('trainingJob') or a GPU job ('kind', 'model', ...), not both");
            }

            return new TrainingChainSpec { TrainingJob = template };
        }

        var version = fields.Text("version");
        var draft = new GpuJobDraft
        {
            Id = "chained", Kind = fields.Text("kind"), Model = fields.Text("model"),
            Version = string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase) ? null : version,
            Input = fields.Text("input"), Output = fields.Text("output"), Priority = fields.Text("priority"),
            Precision = fields.Text("precision"), Budget = fields.Text("budget") ?? jobBudget,
        };
        var check = GpuJobRules.Check(draft, draft.Budget is { } budget ? [budget] : []);
        foreach (var error in check.Errors)
        {
            var message = error.Field == "budget"
                ? "give the GPU job a 'budget', or the training job one it can share"
                : error.Message;
            errors.Add(fields.Value(error.Field) ?? mapping, $"onSuccess.{error.Field}: {message}");
        }

        return check.Request is { } gpu
            ? new TrainingChainSpec
            {
                GpuJob = new ChainedGpuJobSpec(gpu.Kind, gpu.Model, gpu.Version, gpu.Input, gpu.Output, gpu.Priority,
                    gpu.Precision, gpu.Budget),
            }
            : null;
    }

    private static string? Required(MappingFields fields, string key) =>
        fields.Required(key, "a training job") is { } node ? PolicyValues.Text(node, key, fields.Errors) : null;

    private static Uri? CheckpointUri(MappingFields fields)
    {
        var text = Required(fields, "checkpointUri");
        if (text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        if (text is not null)
        {
            fields.Errors.Add(fields.Value("checkpointUri")!,
                $"'checkpointUri' must be an absolute URI such as gs://bucket/run-1; got '{text}'");
        }

        return null;
    }

    private static CurrencyCode? Currency(MappingFields fields)
    {
        var text = fields.Text("currency");
        if (text is null)
        {
            return null;
        }

        if (CurrencyCode.TryParse(text, out var code))
        {
            return code;
        }

        fields.Errors.Add(fields.Value("currency")!, $"'currency' must be an ISO 4217 code such as USD; got '{text}'");
        return null;
    }

    private static DateTimeOffset? Deadline(MappingFields fields)
    {
        var text = fields.Text("deadline");
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            return at;
        }

        fields.Errors.Add(fields.Value("deadline")!,
            $"'deadline' must be a time with its offset, such as 2026-12-20T06:00:00Z; got '{text}'");
        return null;
    }

    private static AcceleratorRequest? Accelerator(PolicyNode? node, PolicyErrors errors)
    {
        if (node is null || PolicyValues.Mapping(node, "accelerator", errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, errors, "type", "count");
        var type = fields.Required("type", "accelerator") is { } typeNode
            ? PolicyValues.Text(typeNode, "type", errors)
            : null;
        return type is null ? null : new AcceleratorRequest(type, fields.WholeNumber("count") ?? 1);
    }

    private static BootDiskRequest BootDisk(PolicyNode? node, PolicyErrors errors)
    {
        var defaults = TrainingJobSpec.DefaultBootDisk;
        if (node is null || PolicyValues.Mapping(node, "bootDisk", errors) is not { } mapping)
        {
            return defaults;
        }

        var fields = new MappingFields(mapping, errors, "image", "sizeGb", "type");
        return new BootDiskRequest(
            fields.Text("image") ?? defaults.SourceImage,
            fields.WholeNumber("sizeGb") ?? defaults.SizeGb,
            fields.Text("type") ?? defaults.DiskType);
    }

    private static Dictionary<string, string> Labels(PolicyNode? node, PolicyErrors errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null || PolicyValues.Mapping(node, "labels", errors) is not { } mapping)
        {
            return labels;
        }

        foreach (var entry in mapping.Entries)
        {
            if (PolicyValues.Text(entry.Value, entry.Name, errors) is { } value)
            {
                labels[entry.Name] = value;
            }
        }

        return labels;
    }
}
