using Frugal.Engine.GpuJobs;

namespace Frugal.Engine.Tests.GpuJobs;

public sealed class GpuJobRulesTests
{
    private static readonly string[] Budgets = ["ml-platform", "research"];

    private static GpuJobDraft Valid => new()
    {
        Id = "job-2026-12-03-0001", Kind = "infer", Model = "fraud", Version = "3",
        Input = "https://acct.blob.core.windows.net/batches/rows.jsonl", Budget = "ml-platform",
    };

    [Fact]
    public void Check_ValidInferJob_GivesTheRequestWithNormalPriority()
    {
        var check = GpuJobRules.Check(Valid, Budgets);

        Assert.Empty(check.Errors);
        Assert.Equal(new GpuJobRequest("job-2026-12-03-0001", GpuJobKind.Infer, "fraud", "3",
            "https://acct.blob.core.windows.net/batches/rows.jsonl", null, GpuJobPriority.Normal, null, "ml-platform"),
            check.Request);
    }

    [Fact]
    public void Check_EveryFieldWrong_NamesEachFieldAtOnce()
    {
        var draft = new GpuJobDraft
        {
            Id = "has space", Kind = "train", Model = ".hidden", Version = "03", Priority = "urgent",
            Precision = "int4", Budget = "marketing",
        };

        var check = GpuJobRules.Check(draft, Budgets);

        Assert.Null(check.Request);
        Assert.Equal(["id", "kind", "model", "version", "priority", "precision", "budget"],
            check.Errors.Select(e => e.Field));
        Assert.Contains("'marketing' is not a budget of the policy (known: ml-platform, research)",
            check.Errors.Single(e => e.Field == "budget").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InferWithoutInput_IsRefusedOnInput()
    {
        var check = GpuJobRules.Check(Valid with { Input = " " }, Budgets);

        var error = Assert.Single(check.Errors);
        Assert.Equal("input", error.Field);
    }

    [Fact]
    public void Check_PrecisionOnAnInferJob_IsRefused()
    {
        var check = GpuJobRules.Check(Valid with { Precision = "int8" }, Budgets);

        Assert.Equal("precision: applies to quantize jobs only", Assert.Single(check.Errors).ToString());
    }

    [Fact]
    public void Check_QuantizeWithoutInputOrVersion_IsValidAndKeepsPrecisionLowerCase()
    {
        var draft = new GpuJobDraft
        {
            Id = "q.1", Kind = "quantize", Model = "fraud", Precision = "FP16", Priority = "high", Budget = "research",
        };

        var request = GpuJobRules.Check(draft, Budgets).RequestOrThrow("test");

        Assert.Equal(GpuJobKind.Quantize, request.Kind);
        Assert.Equal(GpuJobPriority.High, request.Priority);
        Assert.Null(request.Version);
        Assert.Equal("fp16", request.Precision);
    }

    [Fact]
    public void RequestOrThrow_Invalid_ThrowsWithOneLinePerField()
    {
        var check = GpuJobRules.Check(Valid with { Id = null, Budget = null }, Budgets);

        var ex = Assert.Throws<FrugalInputException>(() => check.RequestOrThrow("job.json"));

        Assert.Equal(
            "job.json: id: is required\njob.json: budget: is required: the policy budget the job is charged to",
            ex.Message);
    }
}
