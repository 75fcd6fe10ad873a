using System.Globalization;
using System.Text;

namespace Frugal.State.AzureTables;

/// <summary>
/// Partition and row keys. Frugal's own keys (crossing, idempotency, notification, project and entry ids) may hold
/// characters Table Storage forbids in keys, so each is escaped reversibly; the original is kept in a property.
/// </summary>
internal static class TableKeys
{
    /// <summary>Crossings, both outboxes and the audit log: one partition, so each step is one transaction.</summary>
    public const string Outbox = "outbox";

    public const string BudgetEvents = "budget-events";

    public const string Billing = "billing";

    /// <summary>The archive journal: entries, their objects, a marker per version with an unfinished entry.</summary>
    public const string Archive = "archive";

    /// <summary>The training queue: one row per job (<c>job|ID</c>).</summary>
    public const string TrainingJobs = "training";

    /// <summary>GPU jobs: one row per job id (<c>job|ID</c>), its first result on the same row.</summary>
    public const string GpuJobs = "gpu-jobs";

    /// <summary>Model signals: one row per model and delivery id (<c>signal|MODEL|ID</c>).</summary>
    public const string ModelSignals = "signals";

    // A key is at most 1 KiB; escaping can triple a character, so refuse before the service does, naming the key.
    private const int MaxKeyLength = 1024;

    /// <summary>A row key: a kind prefix and the escaped parts, separated by '|' (escaped inside the parts).</summary>
    public static string Row(string kind, params string[] parts)
    {
        var builder = new StringBuilder(kind);
        foreach (var part in parts)
        {
            builder.Append('|');
            Escape(builder, part);
        }

        var key = builder.ToString();
        return key.Length <= MaxKeyLength
            ? key
            : throw new ArgumentException(
                $"the key '{Shorten(string.Join('|', parts))}' is too long for Table Storage ({key.Length} " +
                $"characters escaped, at most {MaxKeyLength})", nameof(parts));
    }

    /// <summary>The smallest row key after every key that starts with <paramref name="prefix"/>.</summary>
    public static string After(string prefix) => prefix + '\uffff';

    /// <summary>Rows of one kind: <c>RowKey ge 'kind|' and RowKey lt 'kind|\uffff'</c>, within a partition.</summary>
    public static string KindFilter(string partition, string kind) =>
        Azure.Data.Tables.TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {kind + "|"} and RowKey lt {After(kind + "|")}");

    /// <summary>Newest first in row-key order: the larger the sequence number, the smaller the key.</summary>
    public static string Descending(long sequence) =>
        (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    private static void Escape(StringBuilder builder, string part)
    {
        foreach (var c in part)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' or '|' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
