using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Engine.Notifications;
using Frugal.Engine.State;
using Frugal.State.Sqlite;

namespace Frugal.Cli.Output;

/// <summary>Lists what Frugal gave up on: dead-lettered notifications and actions, with the reason.</summary>
internal static class DeadLetterOutput
{
    public static async Task WriteAsync(
        SqliteStateStore? store, int limit, string format, TextWriter writer, CancellationToken ct)
    {
        var notifications = store is null
            ? []
            : await store.ReadNotificationsAsync(new NotificationQuery(limit, NotificationStatus.DeadLettered), ct)
                .ConfigureAwait(false);
        var actions = store is null
            ? []
            : (await store.ActionsAsync(ct).ConfigureAwait(false))
                .Where(a => a.Status == ActionStatus.DeadLettered).Take(limit).ToList();
        var rows = notifications
            .Select(n => new Row("notification", n.Envelope.Channel, n.Envelope.Event.Headline, n.Attempts,
                n.Detail ?? "-", n.CompletedAt))
            .Concat(actions.Select(a => new Row("action", "-", a.Key, a.Attempts, a.Detail ?? "-", null)))
            .ToList();

        if (format == "json")
        {
            writer.WriteLine(new JsonArray(rows.Select(r => (JsonNode?)new JsonObject
            {
                ["kind"] = r.Kind,
                ["channel"] = r.Channel,
                ["what"] = r.What,
                ["attempts"] = r.Attempts,
                ["reason"] = r.Reason,
                ["at"] = r.At?.ToString("O", CultureInfo.InvariantCulture),
            }).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        if (rows.Count == 0)
        {
            writer.WriteLine("No dead letters: every notification and action was delivered, done or is still pending.");
            return;
        }

        var table = new TextTable("KIND", "CHANNEL", "WHAT", "ATTEMPTS", "REASON").AlignRight(3);
        foreach (var r in rows)
        {
            table.Add(r.Kind, r.Channel, r.What, r.Attempts.ToString(CultureInfo.InvariantCulture), r.Reason);
        }

        table.Write(writer);
    }

    private sealed record Row(
        string Kind, string Channel, string What, int Attempts, string Reason, DateTimeOffset? At);
}
