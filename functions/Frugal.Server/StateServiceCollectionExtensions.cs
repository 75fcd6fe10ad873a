using Azure.Core;
using Azure.Identity;
using Frugal.Engine.State;
using Frugal.Hosting;
using Frugal.Hosting.State;
using Frugal.State.AzureTables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// Offers the shared state stores beside composition's SQLite, so that <c>Frugal:State:Provider</c> can choose one.
/// Here and not in composition: the Azure SDK needs newer <c>Microsoft.Extensions.*</c> than composition pins.
/// </summary>
public static class StateServiceCollectionExtensions
{
    public static IServiceCollection AddFrugalStateStores(this IServiceCollection services)
    {
        // Settings are read on first use: the options' validator lists the sources, so reading the options here,
        // while the sources are built, would wait on itself.
        services.AddSingleton<IStateSource>(provider => new AzureTablesStateSource(() =>
        {
            var state = provider.GetRequiredService<IOptions<FrugalHostOptions>>().Value.State;
            return new AzureTablesStateSettings(state.TableConnectionString, state.TableServiceUri, state.TablePrefix);
        }));
        // The Azure identity other adapters reach storage with when they are given an endpoint, not a key (the GPU
        // job queues): the managed identity once deployed, a developer's sign-in locally.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        return services;
    }
}
