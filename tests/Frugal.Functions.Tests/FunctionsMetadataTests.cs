using System.Text.Json;
using Cronos;

namespace Frugal.Functions.Tests;

/// <summary>What Functions Core Tools would load: the generated metadata, host.json and the sample settings.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void FunctionsMetadata_PollBilling_IsATimerOnTheAppSettingSchedule()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));

        var poll = metadata.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "PollBilling");
        var binding = Assert.Single(poll.GetProperty("bindings").EnumerateArray());
        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%FrugalPollBillingSchedule%", binding.GetProperty("schedule").GetString());
        Assert.Equal("dotnet-isolated", poll.GetProperty("language").GetString());
        Assert.Equal("Frugal.Functions.dll", poll.GetProperty("scriptFile").GetString());
    }

    [Fact]
    public void FunctionsMetadata_ArchiveStaleModels_IsATimerOnTheAppSettingSchedule()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));

        var archive = metadata.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "ArchiveStaleModels");
        var binding = Assert.Single(archive.GetProperty("bindings").EnumerateArray());
        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%FrugalArchiveStaleModelsSchedule%", binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void FunctionsMetadata_GpuJobs_AreAKeyedPostAQueueTriggerAndATimer()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));

        var submit = Binding(metadata, "SubmitGpuJob", "httpTrigger");
        var results = Binding(metadata, "RecordGpuJobResult", "queueTrigger");
        var release = Binding(metadata, "ReleaseHeldGpuJobs", "timerTrigger");

        Assert.Equal("gpu-jobs", submit.GetProperty("route").GetString());
        Assert.Equal("Function", submit.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], submit.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("%FrugalGpuResultsQueue%", results.GetProperty("queueName").GetString());
        Assert.Equal("FrugalGpuJobsStorage", results.GetProperty("connection").GetString());
        Assert.Equal("%FrugalReleaseHeldGpuJobsSchedule%", release.GetProperty("schedule").GetString());
    }

    [Fact]
    public void LocalSettingsSample_GpuJobSettings_AreThere()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));
        var values = settings.RootElement.GetProperty("Values");

        var schedule = values.GetProperty("FrugalReleaseHeldGpuJobsSchedule").GetString()!;

        Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(DateTime.UtcNow));
        Assert.Equal("gpu-results", values.GetProperty("FrugalGpuResultsQueue").GetString());
        Assert.False(string.IsNullOrEmpty(values.GetProperty("FrugalGpuJobsStorage").GetString()));
        Assert.Equal("gpu-jobs", values.GetProperty("Frugal__GpuJobs__QueueName").GetString());
    }

    [Fact]
    public void LocalSettingsSample_ArchiveSchedule_IsValidCron()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));

        var schedule = settings.RootElement.GetProperty("Values").GetProperty("FrugalArchiveStaleModelsSchedule")
            .GetString()!;

        Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(DateTime.UtcNow));
    }

    [Fact]
    public void LocalSettingsSample_ScheduleAndWorkerRuntime_AreValid()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));
        var values = settings.RootElement.GetProperty("Values");

        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        var schedule = values.GetProperty("FrugalPollBillingSchedule").GetString()!;
        var cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        Assert.NotNull(cron.GetNextOccurrence(DateTime.UtcNow));
        Assert.True(File.Exists(Path.GetFullPath(values.GetProperty("Frugal__PolicyPath").GetString()!,
            RepositoryFiles.Path("functions", "Frugal.Functions"))));
    }

    [Fact]
    public void HostJson_Version2_IsCopiedBesideTheFunctions()
    {
        var output = Path.GetDirectoryName(MetadataPath())!;

        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
    }

    private static JsonElement Binding(JsonDocument metadata, string function, string type) =>
        metadata.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == type);

    private static string MetadataPath()
    {
        var path = RepositoryFiles.Path(
            "functions", "Frugal.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"the build did not produce {path}");
        return path;
    }
}
