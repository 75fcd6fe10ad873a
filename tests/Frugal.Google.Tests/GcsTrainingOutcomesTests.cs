using Frugal.Engine.Training;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

/// <summary>Reading a job's outcome markers from Cloud Storage through the stand-in.</summary>
public sealed class GcsTrainingOutcomesTests : IAsyncLifetime
{
    private static readonly Uri Checkpoints = new("gs://ml-checkpoints/runs/job-7");
    private static readonly DateTimeOffset Written = new(2026, 8, 2, 6, 30, 0, TimeSpan.Zero);
    private GoogleApiStandIn _standIn = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITrainingOutcomes Outcomes => _services.GetRequiredService<ITrainingOutcomes>();

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _ = _standIn.Storage;
        _services = GoogleClients.For(_standIn);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_SucceededMarker_IsSuccessWrittenWhenTheObjectWas()
    {
        _standIn.Storage.Put("ml-checkpoints", "runs/job-7/_FRUGAL_SUCCEEDED", "", Written);

        var outcome = await Outcomes.ReadAsync(Checkpoints, Ct);

        Assert.Equal(new TrainingOutcome(true, null, Written), outcome);
        Assert.Equal("runs/job-7/_FRUGAL_SUCCEEDED", _standIn.Calls.First().PathParameters["object"]);
    }

    [Fact]
    public async Task ReadAsync_FailedMarker_CarriesItsContentAsTheReason()
    {
        _standIn.Storage.Put("ml-checkpoints", "runs/job-7/_FRUGAL_FAILED", "loss diverged at step 1200\n", Written);

        var outcome = await Outcomes.ReadAsync(Checkpoints, Ct);

        Assert.Equal(new TrainingOutcome(false, "loss diverged at step 1200", Written), outcome);
        var media = _standIn.Calls.Single(c => c.Query.GetValueOrDefault("alt") == "media");
        Assert.True(media.Query.ContainsKey("generation"));
    }

    [Fact]
    public async Task ReadAsync_NoMarker_IsNull()
    {
        _standIn.Storage.Put("ml-checkpoints", "runs/job-7/step-1200.pt", "weights", Written);

        var outcome = await Outcomes.ReadAsync(Checkpoints, Ct);

        Assert.Null(outcome);
    }

    [Fact]
    public async Task ReadAsync_SucceededAfterAnEarlierFailure_IsSuccess()
    {
        _standIn.Storage.Put("ml-checkpoints", "runs/job-7/_FRUGAL_FAILED", "preempted twice", Written);
        _standIn.Storage.Put("ml-checkpoints", "runs/job-7/_FRUGAL_SUCCEEDED", "", Written.AddHours(3));

        var outcome = await Outcomes.ReadAsync(Checkpoints, Ct);

        Assert.True(outcome!.Succeeded);
        Assert.Equal(Written.AddHours(3), outcome.WrittenAt);
    }

    [Fact]
    public async Task ReadAsync_NotAGsUri_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Outcomes.ReadAsync(new Uri("file:///tmp/ckpt"), Ct));
    }
}
