namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads <c>detachBilling</c>, the last resort: detaching billing stops every paid service in a project. The rung
/// is refused unless it names the project, repeats it under <c>confirm</c>, says <c>enabled: true</c>, and the
/// project is one the budget counts.
/// </summary>
internal static class DetachBillingActionReader
{
    private const string Consequence = "detaching billing stops every paid service in the project";

    private static readonly string[] Keys = ["project", "confirm", "enabled"];

    public static ActionRule? Read(PolicyNode? settings, PolicyNode at, BudgetScope scope, PolicyReadContext context)
    {
        if (settings is null)
        {
            context.Errors.Add(at,
                $"'detachBilling' needs 'project', 'confirm' (the project again) and 'enabled: true'; {Consequence}");
            return null;
        }

        if (PolicyValues.Mapping(settings, "detachBilling", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var projectNode = fields.Required("project", "'detachBilling'");
        var project = projectNode is null ? null : PolicyValues.Text(projectNode, "project", context.Errors);
        if (project is not null)
        {
            CheckInScope(project, projectNode!, scope, context.Errors);
        }

        return new ActionRule
        {
            Kind = ActionKind.DetachBilling,
            Project = project,
            Confirm = ReadConfirm(fields, project),
            Enabled = ReadEnabled(fields),
        };
    }

    private static string? ReadConfirm(MappingFields fields, string? project)
    {
        var node = fields.Value("confirm");
        if (node is null)
        {
            fields.Errors.Add(fields.Mapping,
                $"'detachBilling' needs 'confirm: {project ?? "<project>"}' repeating the project id; {Consequence}");
            return null;
        }

        var confirm = PolicyValues.Text(node, "confirm", fields.Errors);
        if (confirm is not null && project is not null && !string.Equals(confirm, project, StringComparison.Ordinal))
        {
            fields.Errors.Add(node, $"'confirm' must repeat the project id exactly: '{project}', got '{confirm}'");
        }

        return confirm;
    }

    private static bool ReadEnabled(MappingFields fields)
    {
        var node = fields.Value("enabled");
        var enabled = node is null ? null : PolicyValues.Flag(node, "enabled", fields.Errors);
        if (node is null || enabled is false)
        {
            fields.Errors.Add(node ?? fields.Mapping,
                $"'detachBilling' stays off until it says 'enabled: true' ({Consequence}); "
                + "to keep it off, remove the action");
        }

        return enabled ?? false;
    }

    private static void CheckInScope(string project, PolicyNode at, BudgetScope scope, PolicyErrors errors)
    {
        if (scope.SubAccounts.Count > 0 && !scope.SubAccounts.Contains(project, StringComparer.Ordinal))
        {
            errors.Add(at, $"project '{project}' is outside this budget's scope (subAccounts: "
                + $"{string.Join(", ", scope.SubAccounts)}); a budget may only detach a project it counts");
        }
    }
}
