using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// The shape of budget and channel names. They end up in idempotency keys, state rows and command arguments, so
/// they stay short and free of spaces and punctuation that would need quoting.
/// </summary>
internal static partial class PolicyNames
{
    public const string Rule = "may hold only letters, digits, '.', '_' and '-', start with a letter or digit, "
        + "and be at most 64 characters";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
