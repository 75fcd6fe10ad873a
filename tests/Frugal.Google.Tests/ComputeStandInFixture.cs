using Frugal.Engine.Training;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

/// <summary>A fresh Google stand-in with Compute for each test, and the client the services build for it.</summary>
public abstract class ComputeStandInFixture : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private protected GoogleApiStandIn StandIn { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IComputeInstances Compute => _services.GetRequiredService<IComputeInstances>();

    public async ValueTask InitializeAsync()
    {
        StandIn = await GoogleApiStandIn.StartWithAllAsync();
        _ = StandIn.Compute;
        _services = GoogleClients.For(StandIn);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await StandIn.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
