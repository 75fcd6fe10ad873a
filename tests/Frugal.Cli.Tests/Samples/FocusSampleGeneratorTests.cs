using System.IO.Compression;
using System.Text;
using Frugal.Engine.Ledger;
using Frugal.Samples;

namespace Frugal.Cli.Tests.Samples;

public sealed class FocusSampleGeneratorTests : IDisposable
{
    private static readonly DateOnly November = new(2026, 11, 1);

    private readonly TempFolder _folder = new();

    [Fact]
    public void Write_SameSeed_GivesTheSameBytes()
    {
        var first = Generate(5000, seed: 11);
        var second = Generate(5000, seed: 11);
        var other = Generate(5000, seed: 12);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Write_Sample_IsAFocusFileTheLedgerReadsCleanly()
    {
        var path = _folder.Write("s.csv", Generate(20_000, seed: 3));

        var ledger = await FocusLedgerReader.ReadAsync(
            [path], new FocusReadOptions { Strict = true }, TestContext.Current.CancellationToken);

        Assert.Equal(20_000, ledger.RowsRead);
        Assert.Equal(28, FocusSampleGenerator.Columns.Count);
        Assert.All(FocusSampleGenerator.Columns, column => Assert.True(FocusColumns.TryGetCanonical(column, out _)));
        Assert.Equal(["EUR", "USD"], ledger.Entries.Select(e => e.Currency.Code).Distinct().Order());
        Assert.Equal(["Google Cloud", "Microsoft Azure"], ledger.Slices.Select(s => s.Provider).Distinct().Order());
        Assert.Contains(ledger.Entries, entry => entry.BilledCost < 0);
        Assert.All(ledger.Slices.Where(s => s.Tags.Count > 0), s => Assert.Contains("cost-center", s.Tags.Keys));
    }

    [Fact]
    public async Task Write_Sample_HasCheaperWeekendsAndAnUpwardTrend()
    {
        var path = _folder.Write("s.csv", Generate(50_400, seed: 2026));

        var ledger = await FocusLedgerReader.ReadAsync(
            [path], FocusReadOptions.Default, TestContext.Current.CancellationToken);

        var daily = ledger.Entries
            .Where(entry => entry.Currency.Code == "USD")
            .GroupBy(entry => entry.ChargePeriodStart.Date)
            .ToDictionary(day => day.Key, day => day.Sum(entry => entry.BilledCost));
        Assert.Equal(30, daily.Count);
        var weekdays = daily.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var weekends = daily.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToList();
        Assert.True(weekends.Max(d => d.Value) < weekdays.Min(d => d.Value), "each weekend day is below each weekday");
        var firstWeek = weekdays.Where(d => d.Key.Day <= 7).Average(d => d.Value);
        var lastWeek = weekdays.Where(d => d.Key.Day >= 23).Average(d => d.Value);
        Assert.InRange(lastWeek / firstWeek, 1.05m, 1.30m);
    }

    [Fact]
    public async Task CommittedSample_IsWhatTheGeneratorWritesForItsSeed()
    {
        var committed = Path.Combine(RepositoryPaths.Root, "samples", "focus", "ml-team-2026-11.csv.gz");

        await using var gzip = new GZipStream(File.OpenRead(committed), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        var content = await text.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Generate(50_400, seed: 2026), content);
    }

    [Fact]
    public async Task SamplesFocus_GzipOut_WritesAReadableFile()
    {
        var path = _folder.File("s.csv.gz");

        var run = await CliRun.InvokeAsync(
            "samples", "focus", "--rows", "300", "--seed", "5", "--month", "2026-02", "--out", path);
        var costs = await CliRun.InvokeAsync("costs", "--focus", path, "--group-by", "ProviderName", "--format", "csv");

        Assert.Equal((0, $"wrote 300 rows for 2026-02 to {path}\n"), (run.ExitCode, run.Stdout));
        Assert.Equal(0, costs.ExitCode);
        Assert.StartsWith("ProviderName,Currency,Cost\n", costs.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--month", "2026-13")]
    [InlineData("--rows", "0")]
    public async Task SamplesFocus_BadOption_ExitsTwo(string option, string value)
    {
        string[] args = ["samples", "focus", "--month", "2026-11", "--out", _folder.File("x.csv"), option, value];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("frugal: ", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static string Generate(int rows, int seed)
    {
        using var writer = new StringWriter();
        FocusSampleGenerator.Write(rows, seed, November, writer);
        return writer.ToString();
    }
}
