using Frugal.Engine.Policies.Loading;

namespace Frugal.Engine.Policies;

/// <summary>
/// Reads a policy file (YAML) into a <see cref="FrugalPolicy"/>, checking all of it and reporting every problem
/// at once with its line and column. Relative paths in <c>sources.focus</c> and <c>state.path</c> come back
/// resolved to absolute paths against the policy file's folder.
/// </summary>
public static class PolicyLoader
{
    /// <summary>A policy is a small hand-written file; anything bigger was almost surely passed by mistake.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Reads and checks the policy file at <paramref name="path"/>, named as given in messages.</summary>
    public static PolicyLoadResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var errors = new PolicyErrors(path);
        var bytes = PolicyFile.ReadBytes(path, errors);
        var text = bytes is null ? null : PolicyTextScreen.Decode(bytes, errors);
        return text is null
            ? new PolicyLoadResult(null, errors.InFileOrder())
            : Read(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!, errors);
    }

    /// <summary>Checks policy text that came from elsewhere; <paramref name="file"/> names it in messages.</summary>
    public static PolicyLoadResult Parse(string yaml, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);

        return Read(yaml, file, Path.GetFullPath(baseDirectory), new PolicyErrors(file));
    }

    /// <summary>The valid policy at <paramref name="path"/>, or a <see cref="FrugalInputException"/>.</summary>
    public static FrugalPolicy LoadValid(string path) => Load(path).EnsureValid();

    private static PolicyLoadResult Read(string text, string file, string baseDirectory, PolicyErrors errors)
    {
        var root = PolicyTextScreen.IsPlausibleYaml(text, errors) ? PolicyTreeReader.Read(text, errors) : null;
        if (root is null or PolicyScalar { IsNull: true })
        {
            if (errors.Count == 0)
            {
                errors.Add(1, 1, "the policy is empty; it needs at least a 'budgets' section");
            }

            return new PolicyLoadResult(null, errors.InFileOrder());
        }

        var policy = PolicyDocumentReader.Read(root, new PolicyReadContext(errors, baseDirectory), file);
        return new PolicyLoadResult(errors.Count == 0 ? policy : null, errors.InFileOrder());
    }
}
