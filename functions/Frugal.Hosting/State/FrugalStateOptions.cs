namespace Frugal.Hosting.State;

/// <summary>
/// Where a long-running host keeps its state (<c>Frugal:State:*</c>): the SQLite file (default) or Azure Table
/// Storage, reached by connection string or by the host's managed identity at a table service URI.
/// </summary>
public sealed class FrugalStateOptions
{
    public const string Sqlite = "sqlite";

    public const string AzureTables = "azureTables";

    /// <summary><c>sqlite</c> (default) or <c>azureTables</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>A storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>).</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>The table endpoint, reached as the host's managed identity.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The table's name is this prefix and <c>state</c>: letters and digits, starting with a letter.</summary>
    public string TablePrefix { get; set; } = "frugal";
}
