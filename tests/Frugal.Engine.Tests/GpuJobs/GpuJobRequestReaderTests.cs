using System.Text;
using Frugal.Engine.GpuJobs;

namespace Frugal.Engine.Tests.GpuJobs;

public sealed class GpuJobRequestReaderTests
{
    private static readonly string[] Budgets = ["ml-platform"];

    [Fact]
    public void Read_WorkerContractExamplePlusBudget_GivesTheRequest()
    {
        const string json = """
            {"id": "job-2026-12-03-0001", "kind": "infer", "model": "fraud", "version": 3,
             "input": "https://acct.blob.core.windows.net/batches/2026-12-03/rows.jsonl", "output": null,
             "priority": "normal", "precision": null, "budget": "ml-platform"}
            """;

        var request = GpuJobRequestReader.Read(Encoding.UTF8.GetBytes(json), Budgets).RequestOrThrow("body");

        Assert.Equal("3", request.Version);
        Assert.Null(request.Output);
        Assert.Equal(GpuJobPriority.Normal, request.Priority);
    }

    [Fact]
    public void Read_UnknownFieldAndWrongType_NameBothFields()
    {
        const string json = """
            {"id": 7, "kind": "infer", "model": "fraud", "input": "a.csv", "budget": "ml-platform", "lastError": "x"}
            """;

        var check = GpuJobRequestReader.Read(Encoding.UTF8.GetBytes(json), Budgets);

        Assert.False(check.IsValid);
        Assert.Contains(check.Errors, e => e.Field == "id" && e.Message == "must be a string, not number");
        Assert.Contains(check.Errors, e => e.Field == "lastError" && e.Message.StartsWith("is not a job field",
            StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    public void Read_NotAJsonObject_IsRefusedOnTheBody(string body)
    {
        var check = GpuJobRequestReader.Read(Encoding.UTF8.GetBytes(body), Budgets);

        Assert.Equal("body", Assert.Single(check.Errors).Field);
    }
}
