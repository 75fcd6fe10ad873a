namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the top level of a policy: the version and the sections, channels before budgets.</summary>
internal static class PolicyDocumentReader
{
    public const int SupportedVersion = 1;

    private static readonly string[] Keys =
        ["version", "safety", "sources", "state", "channels", "routes", "notifications", "budgets", "autoscaling",
            "modelArchive", "training", "retraining"];

    public static FrugalPolicy? Read(PolicyNode root, PolicyReadContext context, string sourcePath)
    {
        if (root is not PolicyMapping mapping)
        {
            context.Errors.Add(root,
                $"a policy is a YAML mapping with sections such as 'budgets' and 'safety'; found {root.Description}");
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        CheckVersion(fields);

        // Notify actions inside budgets name channels, so the channels are known first.
        var channels = ChannelsReader.Read(fields.Value("channels"), context);
        var routes = RoutesReader.Read(fields.Value("routes"), context);
        var budgets = BudgetsReader.Read(fields.Value("budgets"), mapping, context);
        return new FrugalPolicy
        {
            Safety = SafetyReader.Read(fields.Value("safety"), context),
            Sources = SourcesReader.ReadSources(fields.Value("sources"), context),
            State = SourcesReader.ReadState(fields.Value("state"), context),
            Channels = channels,
            Notifications = NotificationsReader.Read(fields.Value("notifications"), routes, context),
            Budgets = budgets,
            Autoscaling = AutoscalingReader.Read(fields.Value("autoscaling"), fields.Value("budgets"), context),
            ModelArchive = ModelArchiveReader.Read(fields.Value("modelArchive"), context),
            Training = TrainingReader.Read(fields.Value("training"), [.. budgets.Select(b => b.Name)], context),
            Retraining = RetrainingReader.Read(
                fields.Value("retraining"), fields.Value("budgets"), fields.Value("modelArchive"),
                fields.Value("training"), context),
            SourcePath = sourcePath,
        };
    }

    private static void CheckVersion(MappingFields fields)
    {
        var version = fields.WholeNumber("version");
        if (version is not null and not SupportedVersion)
        {
            fields.Errors.Add(fields.Value("version")!,
                $"unsupported policy version {version}; this Frugal reads version {SupportedVersion}");
        }
    }
}
