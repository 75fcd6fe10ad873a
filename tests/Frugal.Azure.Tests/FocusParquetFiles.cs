using Parquet.Schema;
using Parquet.Serialization;

namespace Frugal.Azure.Tests;

/// <summary>Writes small FOCUS files as Parquet, the way Azure Cost Management exports them.</summary>
internal static class FocusParquetFiles
{
    public static async Task WriteAsync(
        string path, IEnumerable<(DateTime Start, string Service, decimal Billed, double Effective, string? Tags)> rows)
    {
        var schema = new ParquetSchema(
            new DateTimeDataField("ChargePeriodStart", DateTimeFormat.DateAndTime),
            new DataField<string>("BillingCurrency"),
            new DataField<string>("ProviderName"),
            new DataField<string>("SubAccountId"),
            new DataField<string>("ServiceName"),
            new DecimalDataField("BilledCost", 38, 12),
            new DataField<double?>("effectivecost"),
            new DataField<string>("Tags"));
        var data = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["ChargePeriodStart"] = DateTime.SpecifyKind(r.Start, DateTimeKind.Utc),
            ["BillingCurrency"] = "USD",
            ["ProviderName"] = "Microsoft Azure",
            ["SubAccountId"] = "sub-1",
            ["ServiceName"] = r.Service,
            ["BilledCost"] = r.Billed,
            ["effectivecost"] = r.Effective,
            ["Tags"] = r.Tags,
        }).ToList();
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeUntypedAsync(data, schema, file);
    }
}
