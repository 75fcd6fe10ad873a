namespace Frugal.Engine.Tests.Policies;

public sealed class BigQuerySourceValidationTests
{
    private static string Sources(string bigquery) => $$"""
        sources:
          bigquery:
        {{bigquery}}
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds: [{ at: 1.0, actions: [holdTraining] }]
        """;

    [Fact]
    public void Load_BigQuerySource_IsRead()
    {
        var policy = PolicyAssert.Valid(Sources("""
                project: ml-billing
                table: ml-billing.billing.gcp_billing_export_v1_01D4EE_079462_DFD6EC
                location: EU
                labels: [team, env]
                maximumBytesBilled: 5000000000
                days: 45
                timeoutSeconds: 300
            """));

        var source = policy.Sources.BigQuery!;
        Assert.Equal("ml-billing.billing.gcp_billing_export_v1_01D4EE_079462_DFD6EC", source.Table);
        Assert.Equal(["team", "env"], source.Labels);
        Assert.Equal(5_000_000_000, source.MaximumBytesBilled);
        Assert.Equal(45, source.Days);
        Assert.Equal(TimeSpan.FromMinutes(5), source.JobTimeout);
    }

    [Fact]
    public void Load_TableWithQueryText_IsRefused()
    {
        PolicyAssert.SingleError(Sources("""
                project: ml-billing
                table: "ml-billing.billing.t` WHERE 1=1; --"
            """), 4, 12, "is not project.dataset.table");
    }

    [Fact]
    public void Load_BytesBilledBelowTheMinimum_IsRefused()
    {
        PolicyAssert.SingleError(Sources("""
                project: ml-billing
                table: ml-billing.billing.export
                maximumBytesBilled: 1000
            """), 5, 25, "at least 10000000");
    }

    [Fact]
    public void Load_BigQueryWithoutProject_IsRefused()
    {
        PolicyAssert.SingleError(Sources("""
                table: ml-billing.billing.export
            """), 3, 5, "'bigquery' is missing 'project'");
    }
}
