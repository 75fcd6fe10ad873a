using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Frugal.State.Sqlite;

/// <summary>
/// What every store on the state file shares: how it is opened (pooled, waiting up to 30 s for a writer), how a
/// command joins a transaction, and how instants are written as text.
/// </summary>
internal static class SqliteFile
{
    public static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Fixed-width UTC text sorts like the instants it stands for, so SQL compares them as strings.</summary>
    public static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseStamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? OptionalStamp(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : ParseStamp(reader.GetString(column));
}
