namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>holdTraining</c>. It takes no settings: what it holds follows from the budget's scope.</summary>
internal static class HoldTrainingActionReader
{
    public static ActionRule Read(PolicyNode? settings, PolicyReadContext context)
    {
        if (settings is PolicyMapping mapping)
        {
            _ = new MappingFields(mapping, context.Errors);
        }
        else if (settings is not null)
        {
            context.Errors.Add(settings, "'holdTraining' takes no settings; write 'holdTraining: {}'");
        }

        return new ActionRule { Kind = ActionKind.HoldTraining };
    }
}
