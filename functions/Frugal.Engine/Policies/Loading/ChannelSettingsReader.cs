using System.Globalization;
using System.Net.Mail;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads the kind-specific settings of a channel into <see cref="ChannelPolicy.Settings"/>: strings keyed by the
/// YAML key, defaults filled in, lists joined with commas, secret references kept as written.
/// </summary>
internal static class ChannelSettingsReader
{
    private static readonly Dictionary<string, TlsMode> TlsModes = new(StringComparer.Ordinal)
    {
        ["none"] = TlsMode.None,
        ["starttls"] = TlsMode.StartTls,
        ["tls"] = TlsMode.Tls,
    };

    private enum TlsMode
    {
        None,
        StartTls,
        Tls,
    }

    public static IReadOnlyList<string> Keys(ChannelKind kind) => kind switch
    {
        ChannelKind.Slack => ["webhookUrl"],
        ChannelKind.Email => ["host", "port", "tls", "user", "password", "from", "to"],
        _ => [],
    };

    public static IReadOnlyDictionary<string, string> Read(ChannelKind kind, MappingFields fields)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind == ChannelKind.Slack)
        {
            AddSecret(settings, fields, "webhookUrl", "FRUGAL_SLACK_URL", required: true);
        }
        else if (kind == ChannelKind.Email)
        {
            ReadEmail(settings, fields);
        }

        return settings;
    }

    private static void ReadEmail(Dictionary<string, string> settings, MappingFields fields)
    {
        if (fields.Required("host", "an email channel") is { } host)
        {
            Add(settings, "host", PolicyValues.Text(host, "host", fields.Errors));
        }

        var port = fields.WholeNumber("port") ?? 587;
        if (port is < 1 or > 65535)
        {
            fields.Errors.Add(fields.Value("port")!, "'port' must be between 1 and 65535");
        }

        settings["port"] = port.ToString(CultureInfo.InvariantCulture);
        var tls = fields.Choice("tls", TlsModes) ?? TlsMode.StartTls;
        settings["tls"] = TlsModes.First(mode => mode.Value == tls).Key;
        ReadLogin(settings, fields);
        ReadAddresses(settings, fields);
    }

    private static void ReadLogin(Dictionary<string, string> settings, MappingFields fields)
    {
        Add(settings, "user", fields.Text("user"));
        AddSecret(settings, fields, "password", "FRUGAL_SMTP_PASSWORD", required: false);
        if (settings.ContainsKey("user") != fields.Has("password"))
        {
            fields.Errors.Add(fields.Mapping, "an email channel that logs in needs both 'user' and 'password'");
        }
    }

    private static void ReadAddresses(Dictionary<string, string> settings, MappingFields fields)
    {
        if (fields.Required("from", "an email channel") is { } from &&
            PolicyValues.Text(from, "from", fields.Errors) is { } sender)
        {
            CheckAddress(sender, from, "from", fields.Errors);
            settings["from"] = sender;
        }

        if (fields.Required("to", "an email channel") is { } to)
        {
            var recipients = PolicyValues.TextItems(to, "to", fields.Errors);
            if (to is PolicySequence { Items.Count: 0 })
            {
                fields.Errors.Add(to, "'to' needs at least one address");
            }

            foreach (var (node, recipient) in recipients)
            {
                CheckAddress(recipient, node, "to", fields.Errors);
            }

            settings["to"] = string.Join(',', recipients.Select(r => r.Text));
        }
    }

    private static void AddSecret(
        Dictionary<string, string> settings, MappingFields fields, string key, string example, bool required)
    {
        var node = required ? fields.Required(key, "the channel") : fields.Value(key);
        var value = node is null ? null : PolicyValues.Text(node, key, fields.Errors);
        if (value is not null && !SecretReference.IsReference(value))
        {
            fields.Errors.Add(node!, SecretReference.LiteralMessage(key, example));
            return;
        }

        Add(settings, key, value);
    }

    private static void CheckAddress(string address, PolicyNode at, string key, PolicyErrors errors)
    {
        if (!MailAddress.TryCreate(address, out _))
        {
            errors.Add(at, $"'{key}' has '{address}', which is not an email address");
        }
    }

    private static void Add(Dictionary<string, string> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[key] = value;
        }
    }
}
