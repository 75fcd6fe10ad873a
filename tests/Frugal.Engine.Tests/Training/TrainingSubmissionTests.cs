using Frugal.Engine.GpuJobs;
using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Training;

/// <summary>A job submitted from the command line or over HTTP is checked against the policy first.</summary>
public sealed class TrainingSubmissionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Submit_ChainToAnUnknownBudgetAndTemplate_NamesBothAndQueuesNothing()
    {
        var scenario = new TrainingScenario(Now);
        var spec = TrainingScenario.Spec() with
        {
            OnSuccess = new TrainingChainSpec
            {
                GpuJob = new ChainedGpuJobSpec(GpuJobKind.Quantize, "bert", null, null, null, GpuJobPriority.Normal,
                    "int8", "no-such-budget"),
            },
        };
        var distill = TrainingScenario.Spec("bert-2") with
        {
            OnSuccess = new TrainingChainSpec { TrainingJob = "distill" },
        };

        var gpu = await TrainingSubmissions.SubmitAsync(scenario.Store, scenario.Policy, spec, "cli", Now, Ct);
        var template = await TrainingSubmissions.SubmitAsync(scenario.Store, scenario.Policy, distill, "cli", Now, Ct);

        Assert.Null(gpu.Job);
        Assert.Contains("onSuccess.gpuJob.budget: names no budget of the policy: 'no-such-budget'", gpu.Problems);
        Assert.Null(template.Job);
        Assert.Contains(template.Problems, p => p.StartsWith(
            "onSuccess.trainingJob: names no template under training.templates: 'distill'", StringComparison.Ordinal));
        Assert.Empty(await scenario.Store.ListAsync(includeFinished: true, Ct));
    }

    [Fact]
    public async Task Submit_ChainToAKnownTemplate_IsQueued()
    {
        var scenario = new TrainingScenario(Now);
        scenario.Training = scenario.Training with { Templates = [TrainingScenario.Spec("distill")] };
        var spec = TrainingScenario.Spec() with { OnSuccess = new TrainingChainSpec { TrainingJob = "distill" } };

        var submitted = await TrainingSubmissions.SubmitAsync(scenario.Store, scenario.Policy, spec, "cli", Now, Ct);

        Assert.Empty(submitted.Problems);
        Assert.Equal(TrainingJobState.Queued, submitted.Job!.State);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
