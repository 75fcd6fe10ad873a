using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables;

/// <summary>
/// Where the Table Storage state is: a connection string (Azurite: <c>UseDevelopmentStorage=true</c>) or the table
/// endpoint reached with the host's managed identity, and the prefix of the table's name.
/// </summary>
public sealed record AzureTablesStateSettings(string? ConnectionString, Uri? ServiceUri, string TablePrefix = "frugal")
{
    /// <summary>The one table all of Frugal's state lives in.</summary>
    public string TableName => TablePrefix + "state";
}

/// <summary>
/// Opens the state kept in Azure Table Storage; chosen with <c>Frugal:State:Provider = azureTables</c>. The settings
/// are read on first use, so that a host can offer this source before its options are bound and checked.
/// </summary>
public sealed class AzureTablesStateSource(Func<AzureTablesStateSettings> settings) : IStateSource
{
    public const string Name = "azureTables";

    private readonly Lazy<StateTable> _table = new(() => new StateTable(Client(settings())));

    public AzureTablesStateSource(AzureTablesStateSettings settings)
        : this(() => settings)
    {
    }

    public string Provider => Name;

    public StateStores Open(string localPath)
    {
        var table = _table.Value;
        var store = new TableStateStore(table);
        var gpuJobs = new TableGpuJobStore(table);
        return new StateStores(store, store, store, new TableArchiveJournal(table), new TableTrainingJobStore(table),
            gpuJobs, gpuJobs, new TableModelSignalStore(table));
    }

    // Reads change no row; the first one may create the (empty) table, which the template normally has made.
    public StateStores? OpenReadOnly(string localPath) => Open(localPath);

    /// <summary>The store alone, for tests and tools that need its extra reads.</summary>
    public TableStateStore OpenStore() => new(_table.Value);

    private static TableClient Client(AzureTablesStateSettings settings)
    {
        // The SDK's pipeline retries throttling and 5xx with backoff, honouring Retry-After; each try has a timeout.
        var options = new TableClientOptions
        {
            Retry =
            {
                MaxRetries = 5,
                Mode = RetryMode.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                NetworkTimeout = TimeSpan.FromSeconds(30),
            },
        };
        var service = settings.ConnectionString is { Length: > 0 } connection
            ? new TableServiceClient(connection, options)
            : new TableServiceClient(
                settings.ServiceUri ?? throw new InvalidOperationException(
                    "Table Storage state needs a connection string or a table service URI"),
                new DefaultAzureCredential(),
                options);
        return service.GetTableClient(settings.TableName);
    }
}
