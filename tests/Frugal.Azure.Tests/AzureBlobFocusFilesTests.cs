using System.Text;
using Azure.Storage.Blobs;
using Frugal.Engine;
using Frugal.Engine.Policies;
using Frugal.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Azure.Tests;

public sealed class AzureBlobFocusFilesTests : IAsyncLifetime
{
    private const string Variable = "FRUGAL_EXPORTS";
    private const string Csv = """
        ChargePeriodStart,BillingCurrency,ProviderName,ServiceName,BilledCost,EffectiveCost
        2026-11-10T00:00:00Z,USD,Microsoft Azure,Azure Machine Learning,40,40

        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-blob-").FullName;
    private BlobContainerClient _container = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _container = await Azurite.ContainerAsync();

    [Fact]
    public async Task SyncAsync_Exports_FetchesTheFocusFilesUnderThePrefix()
    {
        await UploadAsync("focus/ml/part-0.csv", Csv);
        await UploadAsync("focus/ml/manifest.json", "{}");
        await UploadAsync("other/part-0.csv", Csv);

        var files = await Files().SyncAsync(Policy(), _folder, Ct);

        var file = Assert.Single(files);
        Assert.EndsWith(Path.Combine("focus", "ml", "part-0.csv"), file, StringComparison.Ordinal);
        Assert.Equal(Csv, await File.ReadAllTextAsync(file, Ct));
    }

    [Fact]
    public async Task SyncAsync_Unchanged_IsNotFetchedAgainButAChangedOneIs()
    {
        await UploadAsync("focus/ml/a.csv", Csv);
        await UploadAsync("focus/ml/b.csv", Csv);
        var files = await Files().SyncAsync(Policy(), _folder, Ct);
        var untouched = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        files.ToList().ForEach(f => File.SetLastWriteTimeUtc(f, untouched));
        await UploadAsync("focus/ml/b.csv", Csv.Replace(",40,40", ",50,50", StringComparison.Ordinal));

        await Files().SyncAsync(Policy(), _folder, Ct);

        Assert.Equal(untouched, File.GetLastWriteTimeUtc(files[0]));
        Assert.NotEqual(untouched, File.GetLastWriteTimeUtc(files[1]));
        Assert.Contains(",50,50", await File.ReadAllTextAsync(files[1], Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_BlobDeleted_RemovesItsCopy()
    {
        await UploadAsync("focus/ml/a.csv", Csv);
        var first = await Files().SyncAsync(Policy(), _folder, Ct);
        await _container.DeleteBlobAsync("focus/ml/a.csv", cancellationToken: Ct);

        var second = await Files().SyncAsync(Policy(), _folder, Ct);

        Assert.Empty(second);
        Assert.False(File.Exists(first[0]));
    }

    [Fact]
    public async Task SyncAsync_ConnectionVariableUnset_SaysWhich()
    {
        var files = new AzureBlobFocusFiles(_ => null, NullLogger<AzureBlobFocusFiles>.Instance);

        var error = await Assert.ThrowsAsync<FrugalInputException>(() => files.SyncAsync(Policy(), _folder, Ct));

        Assert.Equal($"sources.azureBlob.connection: the environment variable {Variable} is not set", error.Message);
    }

    [Fact]
    public async Task BudgetJob_PolicyReadingBlobExports_CountsTheirCosts()
    {
        await UploadAsync("focus/ml/part-0.csv", Csv);
        var variable = $"FRUGAL_TEST_EXPORTS_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, Azurite.ConnectionString);
        var policy = Path.Combine(_folder, "frugal.yaml");
        await File.WriteAllTextAsync(policy, $"""
            sources:
              azureBlob:
                connection: env:{variable}
                container: {_container.Name}
                prefix: focus/ml/
            budgets:
              - name: azure-ml
                amount: 100
                currency: USD
                thresholds: [{"{"} at: 0.3, actions: [holdTraining] {"}"}]
            """, Ct);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero)))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddFrugalEngine()
            .BuildServiceProvider();

        var result = await services.GetRequiredService<BudgetJob>().PlanAsync(new BudgetJobRequest(policy), Ct);

        Assert.Equal(40m, Assert.Single(result.Plan.Budgets).Actual.Amount);
        Assert.Single(result.Plan.Actions);
        Environment.SetEnvironmentVariable(variable, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private AzureBlobFocusFiles Files() =>
        new(name => name == Variable ? Azurite.ConnectionString : null, NullLogger<AzureBlobFocusFiles>.Instance);

    private FrugalPolicy Policy() => new()
    {
        Budgets = [],
        Sources = new SourcesPolicy
        {
            AzureBlob = new AzureBlobExportSource
            {
                Connection = $"env:{Variable}",
                Container = _container.Name,
                Prefix = "focus/ml/",
            },
        },
    };

    private async Task UploadAsync(string name, string text) =>
        await _container.GetBlobClient(name).UploadAsync(
            new BinaryData(Encoding.UTF8.GetBytes(text)), overwrite: true, Ct);
}
