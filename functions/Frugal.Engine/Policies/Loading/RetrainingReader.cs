using Frugal.Engine.Retraining;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the <c>retraining</c> section: one rule per model, naming budgets and registries.</summary>
internal static class RetrainingReader
{
    private static readonly string[] Keys = ["rules"];

    private static readonly string[] RuleKeys = ["model", "when", "minInterval", "trainingJob", "budget", "registry"];

    /// <summary>
    /// Reads the section. <paramref name="budgets"/>, <paramref name="modelArchive"/> and <paramref name="training"/>
    /// are the raw nodes of those sections, whose names rules refer to; a budget or a training template with
    /// problems of its own is still a known name here.
    /// </summary>
    public static RetrainingPolicy Read(
        PolicyNode? node, PolicyNode? budgets, PolicyNode? modelArchive, PolicyNode? training,
        PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "retraining", context.Errors) is not { } mapping)
        {
            return new RetrainingPolicy();
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        if (fields.Value("rules") is not { } rulesNode)
        {
            return new RetrainingPolicy();
        }

        var items = PolicyValues.Items(rulesNode, "rules", context.Errors);
        CheckUniqueModels(items, context.Errors);
        var trainingSection = training as PolicyMapping;
        var names = new KnownNames(
            NamesIn(budgets),
            NamesIn(modelArchive is PolicyMapping archive ? archive.Find("registries") : null),
            [.. NamesIn(trainingSection?.Find("templates")), .. NamesIn(trainingSection?.Find("jobs"))]);
        var rules = new List<RetrainingRule>();
        foreach (var item in items)
        {
            if (ReadRule(item, names, context.Errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new RetrainingPolicy { Rules = rules };
    }

    private static RetrainingRule? ReadRule(PolicyNode node, KnownNames names, PolicyErrors errors)
    {
        if (PolicyValues.Mapping(node, "rules", errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, errors, RuleKeys);
        var model = Name(fields, "model", "a retraining rule", required: true);
        var when = fields.Required("when", "a retraining rule") is { } whenNode
            ? RetrainingConditionsReader.Read(whenNode, errors)
            : null;
        var interval = fields.Required("minInterval", "a retraining rule") is { } intervalNode
            ? DurationText.Read(intervalNode, "minInterval", errors)
            : null;
        var job = TrainingJob(fields, names.TrainingJobs);
        var budget = Reference(fields, "budget", names.Budgets, "budget under 'budgets'");
        var registry = Reference(fields, "registry", names.Registries, "registry under 'modelArchive.registries'");
        return model is null || when is null || interval is null || job is null
            ? null
            : new RetrainingRule
            {
                Model = model, When = when, MinInterval = interval.Value, TrainingJob = job, Budget = budget,
                Registry = registry,
            };
    }

    private static string? Name(MappingFields fields, string key, string owner, bool required)
    {
        var node = required ? fields.Required(key, owner) : fields.Value(key);
        var name = node is null ? null : PolicyValues.Text(node, key, fields.Errors);
        if (name is not null && !PolicyNames.IsValid(name))
        {
            fields.Errors.Add(node!, $"'{key}' '{name}' {PolicyNames.Rule}");
            return null;
        }

        return name;
    }

    /// <summary>The template (or policy job) a retraining runs: it must be one the training section declares.</summary>
    private static string? TrainingJob(MappingFields fields, IReadOnlyList<string> known)
    {
        var name = Name(fields, "trainingJob", "a retraining rule", required: true);
        if (name is null || known.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var names = known.Count == 0 ? "the policy has none" : $"known: {string.Join(", ", known)}";
        fields.Errors.Add(fields.Value("trainingJob")!,
            $"'trainingJob' names no training job template under 'training.templates' (or job under "
            + $"'training.jobs'): '{name}'; {names}" + NearestName.Hint(name, known));
        return null;
    }

    private static string? Reference(MappingFields fields, string key, IReadOnlyList<string> known, string what)
    {
        var name = Name(fields, key, "a retraining rule", required: false);
        if (name is null || known.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return name;
        }

        fields.Errors.Add(fields.Value(key)!, $"'{key}' names no {what}: '{name}'" + NearestName.Hint(name, known));
        return null;
    }

    private static void CheckUniqueModels(IReadOnlyList<PolicyNode> items, PolicyErrors errors)
    {
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in items.OfType<PolicyMapping>().Select(m => m.Find("model")).OfType<PolicyScalar>())
        {
            var model = node.Value.Trim();
            if (!firstLines.TryAdd(model, node.Line))
            {
                errors.Add(node, $"model '{model}' has a retraining rule already (line {firstLines[model]})");
            }
        }
    }

    private static IReadOnlyList<string> NamesIn(PolicyNode? list) =>
        list is PolicySequence sequence
            ? [.. sequence.Items.OfType<PolicyMapping>().Select(m => m.Find("name")).OfType<PolicyScalar>()
                .Select(s => s.Value.Trim())]
            : [];

    private sealed record KnownNames(
        IReadOnlyList<string> Budgets, IReadOnlyList<string> Registries, IReadOnlyList<string> TrainingJobs);
}
