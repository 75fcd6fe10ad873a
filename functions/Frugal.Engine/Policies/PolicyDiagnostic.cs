using System.Globalization;

namespace Frugal.Engine.Policies;

/// <summary>
/// One thing wrong with a policy file, at a 1-based line and column. Line and column are 0 when the problem
/// concerns the file as a whole (it is missing or cannot be read).
/// </summary>
public sealed record PolicyDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style line a user reads: <c>FILE:LINE:COL: message</c>.</summary>
    public override string ToString() =>
        Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}")
            : $"{File}: {Message}";
}
