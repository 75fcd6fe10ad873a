using Frugal.Google.Compute;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Frugal.Google.Tests;

/// <summary>Compute's request ids and settings: what start-up and Google will hold Frugal to.</summary>
public sealed class ComputeSettingsTests
{
    private const StringComparison Ordinal = StringComparison.Ordinal;

    [Fact]
    public void ToUuid_SameText_SameUuidAndDifferentTextDifferentUuid()
    {
        var first = ComputeRequestIds.ToUuid("launch/job-7/us-central1-a/trainer-1");
        var again = ComputeRequestIds.ToUuid("launch/job-7/us-central1-a/trainer-1");
        var other = ComputeRequestIds.ToUuid("launch/job-7/us-central1-b/trainer-1");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(Guid.TryParse(first, out var uuid));
        Assert.NotEqual(Guid.Empty, uuid);
        Assert.Equal('5', first[14]);
    }

    [Fact]
    public void ToUuid_TextThatIsAUuid_IsKept()
    {
        var given = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";

        Assert.Equal(given, ComputeRequestIds.ToUuid(given));
    }

    [Fact]
    public void AddFrugalGoogle_BadComputeSettings_ReportsEveryKeyAtOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:Google:Compute:Network"] = "",
            ["Frugal:Google:Compute:PollInterval"] = "00:00:00",
            ["Frugal:Google:AttemptTimeout"] = "00:05:00",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() =>
            new ServiceCollection().AddFrugalGoogle(configuration));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Frugal:Google:Compute:Network", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Frugal:Google:Compute:PollInterval", Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Frugal:Google:CallTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void AddFrugalGoogle_ComputeSettingsFromConfiguration_AreBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:Google:Compute:Subnetwork"] = "regions/us-central1/subnetworks/training",
            ["Frugal:Google:Compute:ExternalIp"] = "false",
            ["Frugal:Google:Compute:Scopes:0"] = "https://www.googleapis.com/auth/devstorage.read_write",
        }).Build();

        var options = configuration.GetSection(GoogleCloudOptions.Section).Get<GoogleCloudOptions>()!;

        Assert.Equal("regions/us-central1/subnetworks/training", options.Compute.Subnetwork);
        Assert.False(options.Compute.ExternalIp);
        Assert.Equal(["https://www.googleapis.com/auth/devstorage.read_write"], options.Compute.Scopes);
        Assert.Empty(options.Problems());
    }
}
