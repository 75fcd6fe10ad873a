namespace Frugal.Hosting;

/// <summary>
/// Settings of a long-running host (the Functions app, <c>frugal serve</c>), bound from the <c>Frugal</c>
/// configuration section (app settings <c>Frugal__PolicyPath</c> and so on).
/// </summary>
public sealed class FrugalHostOptions
{
    public const string Section = "Frugal";

    /// <summary>The policy file. Required.</summary>
    public string PolicyPath { get; set; } = string.Empty;

    /// <summary>The SQLite state file; when empty, the policy's <c>state.path</c> or its default.</summary>
    public string? StatePath { get; set; }

    /// <summary>Where the state is kept: the SQLite file (default) or Azure Table Storage.</summary>
    public State.FrugalStateOptions State { get; set; } = new();

    /// <summary>FOCUS files or folders to read instead of the policy's <c>sources.focus</c>.</summary>
    public IList<string> FocusPaths { get; } = [];
}
