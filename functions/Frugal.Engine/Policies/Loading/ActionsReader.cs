namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads a threshold's <c>actions</c>. Each list item names one action, either as a key with its settings
/// (<c>- notify: [ml-slack]</c>) or, for actions that need none, as a bare word (<c>- holdTraining</c>).
/// </summary>
internal static class ActionsReader
{
    private static readonly Dictionary<string, ActionKind> Kinds = new(StringComparer.Ordinal)
    {
        ["notify"] = ActionKind.Notify,
        ["capAutoscaling"] = ActionKind.CapAutoscaling,
        ["holdTraining"] = ActionKind.HoldTraining,
        ["detachBilling"] = ActionKind.DetachBilling,
    };

    public static IReadOnlyList<ActionRule> Read(PolicyNode? node, BudgetScope scope, PolicyReadContext context)
    {
        if (node is null)
        {
            return [];
        }

        var items = PolicyValues.Items(node, "actions", context.Errors);
        if (items.Count == 0 && node is PolicySequence)
        {
            context.Errors.Add(node, "a threshold needs at least one action");
        }

        var actions = new List<ActionRule>();
        foreach (var item in items)
        {
            actions.AddRange(ReadItem(item, scope, context));
        }

        return actions;
    }

    private static IEnumerable<ActionRule> ReadItem(PolicyNode item, BudgetScope scope, PolicyReadContext context)
    {
        var named = item switch
        {
            PolicyScalar { IsNull: false } word => [new ActionSpec(word, word.Value, null)],
            PolicyMapping mapping => mapping.Entries.Select(e => new ActionSpec(e.Key, e.Name, e.Value)).ToList(),
            _ => [],
        };
        if (named.Count == 0)
        {
            context.Errors.Add(item, $"an action names one of {string.Join(", ", Kinds.Keys)}");
        }

        foreach (var extra in named.Skip(1))
        {
            context.Errors.Add(extra.At, $"one action per list item: start '{extra.Name}' on its own line with '- '");
        }

        return named.Select(spec => ReadOne(spec, scope, context)).OfType<ActionRule>();
    }

    private static ActionRule? ReadOne(ActionSpec spec, BudgetScope scope, PolicyReadContext context)
    {
        if (!Kinds.TryGetValue(spec.Name, out var kind))
        {
            context.Errors.Add(spec.At, NearestName.Unknown("action", spec.Name, Kinds.Keys));
            return null;
        }

        var settings = spec.Settings is PolicyScalar { IsNull: true } ? null : spec.Settings;
        return kind switch
        {
            ActionKind.Notify => NotifyActionReader.Read(settings, spec.At, context),
            ActionKind.CapAutoscaling => CapAutoscalingActionReader.Read(settings, spec.At, context),
            ActionKind.HoldTraining => HoldTrainingActionReader.Read(settings, context),
            _ => DetachBillingActionReader.Read(settings, spec.At, scope, context),
        };
    }

    /// <summary>An action as written: where its name is, the name, and its settings (null when none).</summary>
    private sealed record ActionSpec(PolicyNode At, string Name, PolicyNode? Settings);
}
