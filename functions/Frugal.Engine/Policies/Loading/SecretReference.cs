using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// A secret in the policy is a reference such as <c>env:FRUGAL_SLACK_URL</c>, resolved where it is used. A policy
/// file gets committed and shared; a literal webhook URL or password in it is a leak waiting to happen.
/// </summary>
internal static partial class SecretReference
{
    public static bool IsReference(string value) => Pattern().IsMatch(value);

    /// <summary>The message for a literal secret; it never repeats the value, as error output gets shared.</summary>
    public static string LiteralMessage(string key, string example) =>
        $"'{key}' is a secret: secrets must be references such as env:{example}, never the value itself";

    [GeneratedRegex("^env:[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
