using System.Net;
using Frugal.Engine;
using Frugal.Engine.Policies;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

public sealed class BigQueryBillingExportSourceTests : IAsyncLifetime
{
    private const string Table = "ml-billing.billing.gcp_billing_export_resource_v1_01D4EE_079462_DFD6EC";
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);
    private GoogleApiStandIn _standIn = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _standIn = await GoogleApiStandIn.StartWithAllAsync();

    [Fact]
    public async Task ReadAsync_JobRunsThenPages_SumsCostAndCreditsPerDayAndSlice()
    {
        ScriptTwoPages();
        using var services = Services();

        var ledger = await Source(services).ReadAsync(Policy(), Now, Ct);

        Assert.Equal(3, ledger.RowsRead);
        Assert.Equal(2, ledger.Entries.Count);
        var first = ledger.Entries[0];
        Assert.Equal(new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero), first.ChargePeriodStart);
        Assert.Equal(10.25m + 4m, first.BilledCost);
        var slice = ledger.Slices[first.SliceId];
        Assert.Equal(("Google Cloud", "ml-training-prod", "Compute Engine", "us-central1"),
            (slice.Provider, slice.SubAccountId, slice.ServiceName, slice.RegionId));
        Assert.Equal("ml-platform", slice.Tags["team"]);
        Assert.Equal("N1 Predefined Instance Core running in Americas", slice.Tags[BigQueryBillingExportSource.SkuTag]);
    }

    [Fact]
    public async Task ReadAsync_Query_CapsBytesBilledAndPassesEverythingButTheTableAsParameters()
    {
        ScriptTwoPages();
        using var services = Services();

        await Source(services).ReadAsync(Policy(), Now, Ct);

        var query = _standIn.Calls.First(c => c.MethodId == "bigquery.jobs.query").Body!.Value;
        Assert.Equal("25000000000", query.GetProperty("maximumBytesBilled").GetString());
        Assert.False(query.GetProperty("useLegacySql").GetBoolean());
        Assert.Equal("EU", query.GetProperty("location").GetString());
        Assert.Equal(32, query.GetProperty("requestId").GetString()!.Length);
        Assert.Contains($"FROM `{Table}`", query.GetProperty("query").GetString(), StringComparison.Ordinal);
        var parameters = query.GetProperty("queryParameters").EnumerateArray()
            .ToDictionary(
                p => p.GetProperty("name").GetString()!,
                p => p.GetProperty("parameterValue").GetProperty("value").GetString());
        Assert.Equal("2026-10-17 00:00:00.000000 UTC", parameters["since"]);
        Assert.Equal("team", parameters["label_0"]);
        var polls = _standIn.Calls.Where(c => c.MethodId == "bigquery.jobs.getQueryResults").ToList();
        Assert.Equal(["", "page-2"], polls.Select(c => c.Query.GetValueOrDefault("pageToken", "")));
        Assert.All(polls, c => Assert.Equal("EU", c.Query["location"]));
    }

    [Fact]
    public async Task ReadAsync_BytesBilledLimitExceeded_FailsAsBadInputNamingIt()
    {
        _standIn.On("bigquery.jobs.query", _ => StandInReply.Error(400, "INVALID_ARGUMENT",
            "Query exceeded limit for bytes billed: 25000000000. 31457280000 or higher required."));
        using var services = Services();

        var error = await Assert.ThrowsAsync<FrugalInputException>(() => Source(services).ReadAsync(Policy(), Now, Ct));

        Assert.Contains("exceeded limit for bytes billed", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"sources.bigquery ({Table})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ServerErrorOnTheQuery_IsRetriedBecauseItCarriesARequestId()
    {
        ScriptTwoPages();
        _standIn.Fail("bigquery.jobs.query", StandInFault.ServerError);
        using var services = Services();

        var ledger = await Source(services).ReadAsync(Policy(), Now, Ct);

        Assert.Equal(2, ledger.Entries.Count);
        var requestIds = _standIn.Calls.Where(c => c.MethodId == "bigquery.jobs.query")
            .Select(c => c.Body!.Value.GetProperty("requestId").GetString()).ToList();
        Assert.Equal(2, requestIds.Count);
        Assert.Single(requestIds.Distinct());
    }

    public async ValueTask DisposeAsync() => await _standIn.DisposeAsync();

    private ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IGoogleAccessTokenSource>(new FixedToken(_standIn.IssueToken()));
        services.AddFrugalGoogle(GoogleClients.Options(_standIn));
        return services.BuildServiceProvider();
    }

    private static BigQueryBillingExportSource Source(ServiceProvider services) =>
        services.GetRequiredService<BigQueryBillingExportSource>();

    private static FrugalPolicy Policy() => new()
    {
        Budgets = [],
        Sources = new SourcesPolicy
        {
            BigQuery = new BigQueryExportSource
            {
                Project = "ml-billing",
                Table = Table,
                Location = "EU",
                Labels = ["team"],
                MaximumBytesBilled = 25_000_000_000,
                Days = 30,
            },
        },
    };

    private void ScriptTwoPages()
    {
        var job = new { projectId = "ml-billing", jobId = "job_frugal_1", location = "EU" };
        _standIn.On("bigquery.jobs.query", _ =>
            StandInReply.Ok(new { kind = "bigquery#queryResponse", jobReference = job, jobComplete = false }));
        _standIn.On("bigquery.jobs.getQueryResults", call => StandInReply.Ok(
            call.Query.GetValueOrDefault("pageToken") is null ? FirstPage(job) : LastPage(job)));
    }

    private static object FirstPage(object job) => new
    {
        jobReference = job,
        jobComplete = true,
        totalRows = "3",
        pageToken = "page-2",
        totalBytesProcessed = "1048576",
        rows = new[]
        {
            Row("2026-11-14", "10.5", "-0.25", "ml-platform"),
            Row("2026-11-15", "8", "0", "ml-platform"),
        },
    };

    private static object LastPage(object job) => new
    {
        jobReference = job,
        jobComplete = true,
        totalRows = "3",
        rows = new[] { Row("2026-11-14", "4", "0", "ml-platform") },
    };

    private static object Row(string day, string cost, string credits, string team) => new
    {
        f = new object[]
        {
            new { v = day }, new { v = "01D4EE-079462-DFD6EC" }, new { v = "ml-training-prod" },
            new { v = "Compute Engine" },
            new { v = "N1 Predefined Instance Core running in Americas" }, new { v = "us-central1" }, new { v = "USD" },
            new { v = cost }, new { v = credits }, new { v = team },
        },
    };

    private sealed class FixedToken(string token) : IGoogleAccessTokenSource
    {
        public Task<string> GetAccessTokenAsync(CancellationToken ct) => Task.FromResult(token);
    }
}
