using System.Text.Json;
using Frugal.Engine.Billing;
using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Money;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>The budget alerts clouds pushed, and the billing accounts of projects Frugal detached.</summary>
public sealed partial class SqliteStateStore : IBudgetEventStore, IProjectBillingStore
{
    public async Task<bool> RecordAsync(BudgetEvent budgetEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(budgetEvent);
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO budget_events
                (event_id, content_key, source, cloud_budget, anchor, payload, received_at)
            VALUES ($id, $content, $source, $budget, $anchor, $payload, $received);
            """;
        var source = budgetEvent.Source.ToString().ToLowerInvariant();
        command.Parameters.AddWithValue("$id", $"{source}:{budgetEvent.EventId}");
        command.Parameters.AddWithValue("$content", budgetEvent.ContentKey);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$budget", budgetEvent.CloudBudgetId);
        command.Parameters.AddWithValue("$anchor", Stamp(budgetEvent.PeriodAnchor));
        command.Parameters.AddWithValue(
            "$payload", JsonSerializer.Serialize(StoredBudgetEvent.From(budgetEvent), Json));
        command.Parameters.AddWithValue("$received", Stamp(budgetEvent.ReceivedAt));
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<BudgetEvent>> ReadSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = Connect();
        if (SqliteMigrations.CurrentVersion(connection) < SqliteMigrations.BudgetEventsVersion)
        {
            // A read-only open never migrates: a database older than budget events simply has none.
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload FROM budget_events WHERE anchor >= $since ORDER BY received_at, rowid;
            """;
        command.Parameters.AddWithValue("$since", Stamp(since));
        var events = new List<BudgetEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var stored = JsonSerializer.Deserialize<StoredBudgetEvent>(reader.GetString(0), Json)
                ?? throw new InvalidDataException("a budget event row holds no payload");
            events.Add(stored.ToEvent());
        }

        return events;
    }

    public async Task RecordDetachmentAsync(BillingDetachment detachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(detachment);
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO billing_detachments (project, billing_account, detached_at, reason)
            VALUES ($project, $account, $at, $reason);
            """;
        command.Parameters.AddWithValue("$project", detachment.ProjectId);
        command.Parameters.AddWithValue("$account", detachment.BillingAccountName);
        command.Parameters.AddWithValue("$at", Stamp(detachment.DetachedAt));
        command.Parameters.AddWithValue("$reason", detachment.Reason);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<BillingDetachment?> FindDetachmentAsync(string projectId, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT billing_account, detached_at, reason FROM billing_detachments WHERE project = $project;";
        command.Parameters.AddWithValue("$project", projectId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new BillingDetachment(
                projectId, reader.GetString(0), ParseStamp(reader.GetString(1)), reader.GetString(2))
            : null;
    }

    public async Task ForgetDetachmentAsync(string projectId, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM billing_detachments WHERE project = $project;";
        command.Parameters.AddWithValue("$project", projectId);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
