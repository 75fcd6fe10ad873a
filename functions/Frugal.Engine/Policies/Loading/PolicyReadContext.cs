namespace Frugal.Engine.Policies.Loading;

/// <summary>What the section readers share while reading one policy file.</summary>
internal sealed class PolicyReadContext(PolicyErrors errors, string baseDirectory)
{
    public PolicyErrors Errors => errors;

    /// <summary>The policy file's folder: relative paths in the policy are resolved against it.</summary>
    public string BaseDirectory => baseDirectory;

    /// <summary>The channels the policy declares, which notify actions may name.</summary>
    public IReadOnlyList<string> ChannelNames { get; set; } = [];

    public string ResolvePath(string path) => Path.GetFullPath(path, baseDirectory);
}
