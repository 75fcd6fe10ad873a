using Azure.Core;
using Frugal.Azure;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting.GpuJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Frugal.Server.Tests;

public sealed class GpuJobQueueSettingsTests
{
    [Fact]
    public void QueueServiceUri_WithTheHostsIdentity_SendsToAzureQueues()
    {
        using var provider = Services(("Frugal:GpuJobs:QueueServiceUri", "https://acct.queue.core.windows.net/"))
            .AddFrugalStateStores()
            .BuildServiceProvider();

        Assert.IsType<AzureGpuJobQueue>(provider.GetRequiredService<IGpuJobQueue>());
        Assert.IsType<AzureGpuResultInbox>(provider.GetRequiredService<IGpuResultInbox>());
        Assert.NotNull(provider.GetRequiredService<TokenCredential>());
    }

    [Fact]
    public void QueueServiceUri_WithoutAnIdentity_SaysWhichSettingToUseInstead()
    {
        using var provider = Services(("Frugal:GpuJobs:QueueServiceUri", "https://acct.queue.core.windows.net/"))
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IGpuJobQueue>());
        Assert.Contains("Frugal:GpuJobs:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueServiceUri_NotAnHttpUrl_IsRejectedByName()
    {
        using var provider = Services(("Frugal:GpuJobs:QueueServiceUri", "ftp://acct/")).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<GpuJobOptions>>().Value);
        Assert.Contains("Frugal:GpuJobs:QueueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoQueueSettings_LeaveTheQueueUnconfigured()
    {
        using var provider = Services().BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IGpuJobQueue>().IsConfigured);
    }

    private static ServiceCollection Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddFrugalGpuJobs(configuration);
        return services;
    }
}
