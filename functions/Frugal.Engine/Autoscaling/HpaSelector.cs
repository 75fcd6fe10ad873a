namespace Frugal.Engine.Autoscaling;

/// <summary>
/// Which autoscalers a rule or a cap applies to. Every dimension given must match; an empty list or a null
/// selector accepts all. Namespaces and names may use <c>*</c> and <c>?</c>.
/// </summary>
public sealed record HpaSelector
{
    public static HpaSelector All { get; } = new();

    public IReadOnlyList<string> Clusters { get; init; } = [];

    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public IReadOnlyList<string> Names { get; init; } = [];

    public LabelSelector? Labels { get; init; }

    public bool Matches(HpaReference hpa, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        return AnyGlob(Clusters, hpa.Cluster)
            && AnyGlob(Namespaces, hpa.Namespace)
            && AnyGlob(Names, hpa.Name)
            && (Labels is null || Labels.Matches(labels));
    }

    /// <summary>Whether the selector can match anything in the namespace (used to list only what is needed).</summary>
    public bool CoversNamespace(string ns) => AnyGlob(Namespaces, ns);

    public override string ToString()
    {
        var parts = new List<string>();
        Add("clusters", Clusters);
        Add("namespaces", Namespaces);
        Add("names", Names);
        if (Labels is not null)
        {
            parts.Add($"labels {Labels}");
        }

        return parts.Count == 0 ? "every autoscaler" : string.Join("; ", parts);

        void Add(string what, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                parts.Add($"{what} {string.Join(',', values)}");
            }
        }
    }

    /// <summary>
    /// Reads a <c>capAutoscaling</c> target: <c>cluster/namespace/name</c> (each part may use globs) or a label
    /// selector applying to every cluster and namespace. Null with the reason when it is neither.
    /// </summary>
    public static HpaSelector? ParseTarget(string target, out string problem)
    {
        ArgumentNullException.ThrowIfNull(target);
        problem = "";
        var text = target.Trim();
        var parts = text.Split('/');
        var isPath = parts.Length == 3 && text.IndexOfAny(['=', '!', '(', ' ', ',']) < 0;
        if (isPath)
        {
            if (parts.Any(p => p.Length == 0))
            {
                problem = $"target '{text}' has an empty part; write cluster/namespace/name, using * for any";
                return null;
            }

            return new HpaSelector { Clusters = [parts[0]], Namespaces = [parts[1]], Names = [parts[2]] };
        }

        if (LabelSelector.Parse(text, out var selectorProblem) is { } labels)
        {
            return new HpaSelector { Labels = labels };
        }

        problem = $"target '{text}' is neither cluster/namespace/name nor a label selector: {selectorProblem}";
        return null;
    }

    private static bool AnyGlob(IReadOnlyList<string> patterns, string value) =>
        patterns.Count == 0 || patterns.Any(p => NameGlob.IsMatch(p, value));
}
