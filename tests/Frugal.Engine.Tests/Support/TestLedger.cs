using Frugal.Engine.Ledger;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Support;

/// <summary>Builds a ledger in code: hourly or daily entries for named slices.</summary>
internal sealed class TestLedger
{
    private readonly List<CostSlice> _slices = [];
    private readonly List<LedgerEntry> _entries = [];

    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    public static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");

    public int Slice(
        string subAccount = "ml-training-prod",
        string service = "Compute Engine",
        string provider = "Google Cloud",
        string region = "us-central1",
        params (string Key, string Value)[] tags)
    {
        _slices.Add(new CostSlice(provider, "0A1B2C-000000-111111", subAccount, service, region,
            tags.ToDictionary(t => t.Key, t => t.Value)));
        return _slices.Count - 1;
    }

    public TestLedger Add(int slice, DateTimeOffset start, decimal cost, CurrencyCode? currency = null)
    {
        _entries.Add(new LedgerEntry(start, slice, currency ?? Usd, cost, cost * 0.9m));
        return this;
    }

    /// <summary>The same cost each day from <paramref name="first"/> to <paramref name="last"/>, at noon UTC.</summary>
    public TestLedger Daily(int slice, DateOnly first, DateOnly last, decimal cost)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            Add(slice, new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), cost);
        }

        return this;
    }

    public CostLedger Build() => new(_slices.ToList(), _entries.ToList(), _entries.Count, 0, []);
}
