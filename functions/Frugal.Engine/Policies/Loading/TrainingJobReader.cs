using System.Globalization;
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
        "priority", "budget", "onDemandFallback", "interruptible", "terminationAction", "project",
    ];

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
                Budget = fields.Text("budget"),
                OnDemandFallback = fields.Flag("onDemandFallback") ?? false,
                Interruptible = fields.Flag("interruptible") ?? true,
                TerminationAction =
                    fields.Choice("terminationAction", Terminations) ?? InstanceTerminationAction.Delete,
                Project = fields.Text("project"),
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
