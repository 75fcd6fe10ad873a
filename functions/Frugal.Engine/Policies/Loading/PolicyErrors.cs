namespace Frugal.Engine.Policies.Loading;

/// <summary>Collects every problem found in one policy file, so they can be reported together.</summary>
internal sealed class PolicyErrors(string file)
{
    private readonly List<PolicyDiagnostic> diagnostics = [];

    public string File => file;

    public int Count => diagnostics.Count;

    public void Add(PolicyNode at, string message) => Add(at.Line, at.Column, message);

    public void Add(int line, int column, string message)
    {
        // A node reached through a YAML alias is read once per use; its problems are reported once.
        var diagnostic = new PolicyDiagnostic(file, line, column, message);
        if (!diagnostics.Contains(diagnostic))
        {
            diagnostics.Add(diagnostic);
        }
    }

    /// <summary>The problems in file order; problems at the same place keep the order they were found in.</summary>
    public IReadOnlyList<PolicyDiagnostic> InFileOrder() =>
        [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];
}
