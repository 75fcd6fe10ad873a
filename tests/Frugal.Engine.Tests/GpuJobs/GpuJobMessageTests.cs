using System.Text.Json;
using Frugal.Engine.GpuJobs;

namespace Frugal.Engine.Tests.GpuJobs;

public sealed class GpuJobMessageTests
{
    [Fact]
    public void ToJson_HasTheWorkerContractFieldsAndNoBudget()
    {
        var message = GpuJobMessage.From(GpuBudgets.Request(priority: GpuJobPriority.High));

        using var json = JsonDocument.Parse(message.ToJson());

        Assert.Equal(["id", "kind", "model", "version", "input", "output", "priority", "precision"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("infer", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("high", json.RootElement.GetProperty("priority").GetString());
        Assert.True(message.IsHighPriority);
    }
}
