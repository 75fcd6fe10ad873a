using Frugal.Engine.Autoscaling;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>capAutoscaling</c>: the autoscalers to cap and their new ceiling.</summary>
internal static class CapAutoscalingActionReader
{
    private static readonly string[] Keys = ["targets", "maxReplicas", "maxReplicasFraction"];

    public static ActionRule? Read(PolicyNode? settings, PolicyNode at, PolicyReadContext context)
    {
        if (settings is null)
        {
            context.Errors.Add(at,
                "'capAutoscaling' needs 'targets' and one of 'maxReplicas' or 'maxReplicasFraction'");
            return null;
        }

        if (PolicyValues.Mapping(settings, "capAutoscaling", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        return new ActionRule
        {
            Kind = ActionKind.CapAutoscaling,
            Targets = ReadTargets(fields),
            MaxReplicas = ReadMaxReplicas(fields),
            MaxReplicasFraction = ReadFraction(fields),
        };
    }

    private static IReadOnlyList<string> ReadTargets(MappingFields fields)
    {
        var node = fields.Required("targets", "'capAutoscaling'");
        var targets = node is null ? [] : PolicyValues.TextItems(node, "targets", fields.Errors);
        if (node is PolicySequence { Items.Count: 0 })
        {
            fields.Errors.Add(node, "'targets' needs at least one autoscaler, as cluster/namespace/name");
        }

        foreach (var (at, text) in targets)
        {
            if (HpaSelector.ParseTarget(text, out var problem) is null)
            {
                fields.Errors.Add(at, problem);
            }
        }

        return [.. targets.Select(t => t.Text)];
    }

    private static int? ReadMaxReplicas(MappingFields fields)
    {
        var count = fields.WholeNumber("maxReplicas");
        if (count < 1)
        {
            fields.Errors.Add(fields.Value("maxReplicas")!, "'maxReplicas' must be at least 1");
        }

        if (fields.Has("maxReplicas") == fields.Has("maxReplicasFraction"))
        {
            fields.Errors.Add(fields.Mapping,
                "'capAutoscaling' needs exactly one of 'maxReplicas' (a replica count) or 'maxReplicasFraction' "
                + "(a fraction of the current ceiling)");
        }

        return count;
    }

    private static decimal? ReadFraction(MappingFields fields)
    {
        var fraction = fields.Number("maxReplicasFraction");
        if (fraction is <= 0m or > 1m)
        {
            var node = (PolicyScalar)fields.Value("maxReplicasFraction")!;
            fields.Errors.Add(node, $"'maxReplicasFraction' must be greater than 0 and at most 1, got {node.Value}");
        }

        return fraction;
    }
}
