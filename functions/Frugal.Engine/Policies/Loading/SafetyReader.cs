using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the <c>safety</c> section: dry run, the action cap and the exemption label.</summary>
internal static partial class SafetyReader
{
    private static readonly string[] Keys = ["dryRun", "maxActionsPerRun", "exemptionLabel"];

    public static SafetyPolicy Read(PolicyNode? node, PolicyReadContext context)
    {
        var defaults = new SafetyPolicy();
        if (node is null || PolicyValues.Mapping(node, "safety", context.Errors) is not { } mapping)
        {
            return defaults;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        return new SafetyPolicy
        {
            DryRun = fields.Flag("dryRun") ?? defaults.DryRun,
            MaxActionsPerRun = MaxActions(fields) ?? defaults.MaxActionsPerRun,
            ExemptionLabel = ExemptionLabel(fields) ?? defaults.ExemptionLabel,
        };
    }

    private static int? MaxActions(MappingFields fields)
    {
        var max = fields.WholeNumber("maxActionsPerRun");
        if (max < 1)
        {
            fields.Errors.Add(fields.Value("maxActionsPerRun")!,
                "'maxActionsPerRun' must be at least 1; to act on nothing, keep 'dryRun: true'");
        }

        return max;
    }

    private static string? ExemptionLabel(MappingFields fields)
    {
        var label = fields.Text("exemptionLabel");
        if (label is not null && !LabelKey().IsMatch(label))
        {
            fields.Errors.Add(fields.Value("exemptionLabel")!,
                $"'exemptionLabel' '{label}' is not a label key: write an optional DNS prefix and a name, "
                + "as in frugal.io/exempt");
        }

        return label;
    }

    // A Kubernetes label key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters.
    private const string LabelKeyPattern =
        @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
        + @"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    [GeneratedRegex(LabelKeyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex LabelKey();
}
