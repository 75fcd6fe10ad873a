using System.Text;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.GpuJobs;

public sealed class GpuJobResultReaderTests
{
    private const string ReadmeExample = """
        {"id": "job-2026-12-03-0001", "kind": "infer", "status": "succeeded", "model": "fraud", "version": "3",
         "output": "https://acct.blob.core.windows.net/batches/2026-12-03/rows.job-2026-12-03-0001.out.jsonl",
         "report": null, "gpuSeconds": 1.84, "predictions": 250000, "cost": 0.0017377778,
         "costPer1000": 0.0000069511, "currency": "USD", "provider": "CUDA", "attempts": 1, "duplicate": false,
         "error": null}
        """;

    [Fact]
    public void Read_WorkerReadmeExample_KeepsEveryFigure()
    {
        var result = GpuJobResultReader.Read(Encoding.UTF8.GetBytes(ReadmeExample));

        Assert.True(result.Succeeded);
        Assert.Equal(("fraud", "3"), (result.Model, result.Version));
        Assert.Equal(1.84m, result.GpuSeconds);
        Assert.Equal(250_000, result.Predictions);
        Assert.Equal(new Engine.Money.Money(0.0017377778m, CurrencyCode.Parse("USD")), result.Cost);
        Assert.Equal("CUDA", result.Provider);
    }

    [Fact]
    public void CostPerThousand_IsCostTimesAThousandOverPredictions()
    {
        var result = GpuJobResultReader.Read(Encoding.UTF8.GetBytes(ReadmeExample));

        // 0.0017377778 × 1,000 / 250,000 = 1.7377778 / 250,000 = 0.0000069511112
        Assert.Equal(0.0000069511112m, result.CostPerThousand!.Value.Amount);
    }

    [Fact]
    public void CostPerThousand_NoPredictions_IsNull()
    {
        var failed = """{"id": "q", "status": "failed", "model": "fraud", "currency": "EUR", "error": "bad"}""";

        var result = GpuJobResultReader.Read(Encoding.UTF8.GetBytes(failed));

        Assert.False(result.Succeeded);
        Assert.Null(result.CostPerThousand);
        Assert.Equal("bad", result.Error);
    }

    [Theory]
    [InlineData("""{"status": "succeeded", "model": "m", "currency": "USD"}""", "'id' is missing")]
    [InlineData("""{"id": "a", "status": "done", "model": "m", "currency": "USD"}""", "status 'done'")]
    [InlineData("""{"id": "a", "status": "failed", "model": "m", "currency": "USD", "cost": -1}""", "'cost'")]
    [InlineData("""not json""", "GPU job result:")]
    public void Read_Malformed_IsRefusedNamingTheField(string json, string expected)
    {
        var ex = Assert.Throws<FrugalInputException>(() => GpuJobResultReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
