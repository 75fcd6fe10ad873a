namespace Frugal.Engine.Notifications;

/// <summary>
/// Looks up the value behind a secret reference such as <c>env:FRUGAL_SLACK_URL</c> at the moment it is used, so
/// a secret lives only in the environment (or the app settings) and never in the policy, the state or a log.
/// </summary>
public interface ISecretResolver
{
    /// <summary>The value of setting <paramref name="name"/> (what follows <c>env:</c>), or null when unset.</summary>
    string? Lookup(string name);
}

/// <summary>Resolves references from environment variables.</summary>
public sealed class EnvironmentSecretResolver : ISecretResolver
{
    public static EnvironmentSecretResolver Instance { get; } = new();

    public string? Lookup(string name) => Environment.GetEnvironmentVariable(name);
}

/// <summary>
/// A resolved secret. It prints as <c>***</c>, so passing it to a log or a message by mistake leaks nothing;
/// <see cref="Reveal"/> is called only where the value is handed to the receiver.
/// </summary>
public sealed class SecretValue
{
    private readonly string _value;

    private SecretValue(string value) => _value = value;

    public string Reveal() => _value;

    /// <summary>Removes every occurrence of the secret from a text about to be shown or stored.</summary>
    public string Scrub(string text) =>
        string.IsNullOrEmpty(text) ? text : text.Replace(_value, "***", StringComparison.Ordinal);

    public override string ToString() => "***";

    /// <summary>
    /// The value behind <paramref name="reference"/> for setting <paramref name="key"/> of channel
    /// <paramref name="channel"/>; an unset reference is a <see cref="FrugalInputException"/> naming the reference.
    /// </summary>
    public static SecretValue Resolve(ISecretResolver resolver, string channel, string key, string reference)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(reference);
        const string prefix = "env:";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal) || reference.Length == prefix.Length)
        {
            throw new FrugalInputException(
                $"channel '{channel}': '{key}' must be a reference such as env:NAME");
        }

        var name = reference[prefix.Length..];
        var value = resolver.Lookup(name);
        return string.IsNullOrEmpty(value)
            ? throw new FrugalInputException(
                $"channel '{channel}': '{key}' refers to {reference}, which is not set in the environment " +
                "or the app settings")
            : new SecretValue(value);
    }
}
