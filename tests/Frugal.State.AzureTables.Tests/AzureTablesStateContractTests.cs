using Azure.Data.Tables;
using Frugal.Engine.State;
using Frugal.Testing.StateContract;

namespace Frugal.State.AzureTables.Tests;

/// <summary>
/// The state contract on Azurite's Table Storage. Each test has its own table (its own prefix); each handle is a
/// separate source with its own client, as a second Functions instance would have.
/// </summary>
public sealed class AzureTablesStateContractTests : StateContract, IAsyncDisposable
{
    private readonly AzureTablesStateSettings _settings =
        new(Azurite.ConnectionString, null, $"t{Guid.NewGuid():N}"[..20]);

    private bool _opened;

    protected override async Task<StateStores> OpenAsync()
    {
        await Azurite.RequireAsync();
        _opened = true;
        return new AzureTablesStateSource(_settings).Open("ignored.db");
    }

    protected override Task<IReadOnlyList<(string Key, ActionStatus Status, int Attempts, string? Detail)>>
        ActionsAsync(IStateStore store) => ((TableStateStore)store).ActionsAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_opened)
        {
            await new TableServiceClient(Azurite.ConnectionString).DeleteTableAsync(_settings.TableName);
        }
    }
}
