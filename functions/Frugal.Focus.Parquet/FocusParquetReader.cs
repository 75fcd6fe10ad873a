using System.Globalization;
using System.Text.Json;
using Frugal.Engine;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Parquet;
using Parquet.Serialization;

namespace Frugal.Focus.Parquet;

/// <summary>
/// Reads FOCUS exports written as Parquet (Azure Cost Management writes them so) into the same ledger as the CSV
/// reader: the same columns, the same slices, rows summed per charge period, slice and currency. Columns match
/// whatever their letter case; costs may be decimal, double or text; timestamps DateTime, DateTimeOffset or text.
/// A file is read whole into memory, row group by row group as Parquet.Net's untyped API gives it.
/// </summary>
public static class FocusParquetReader
{
    public static async Task<CostLedger> ReadAsync(
        IReadOnlyList<string> paths, FocusReadOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var ledger = new CostLedgerBuilder();
        foreach (var path in paths)
        {
            await ReadFileAsync(path, options, ledger, ct).ConfigureAwait(false);
        }

        return ledger.Build();
    }

    private static async Task ReadFileAsync(
        string path, FocusReadOptions options, CostLedgerBuilder ledger, CancellationToken ct)
    {
        DeserializationResult<Dictionary<string, object>> file;
        try
        {
            await using var stream = File.OpenRead(path);
            file = await ParquetSerializer.DeserializeUntypedAsync(stream, new ParquetOptions(), null, ct)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException
            or NotSupportedException)
        {
            throw new FrugalInputException($"{path}: cannot be read as Parquet: {ex.Message}", ex);
        }

        var columns = ParquetColumns.Resolve(path, file.Schema.GetDataFields().Select(f => f.Name), options);
        var row = 0L;
        foreach (var values in file.Data)
        {
            row++;
            var fault = TryAdd(values, columns, options, ledger);
            if (fault is not null)
            {
                if (options.Strict)
                {
                    throw new FrugalInputException($"{path}: row {row}: {fault}");
                }

                ledger.Reject(new RejectedRow(path, row, fault));
            }
        }
    }

    private static string? TryAdd(
        Dictionary<string, object> values, ParquetColumns columns, FocusReadOptions options, CostLedgerBuilder ledger)
    {
        if (!ParquetValues.TryTimestamp(columns.Get(values, FocusColumns.ChargePeriodStart), out var start))
        {
            return "ChargePeriodStart is missing or not a timestamp";
        }

        var currencyText = ParquetValues.Text(columns.Get(values, FocusColumns.BillingCurrency));
        CurrencyCode currency;
        if (currencyText is null && options.DefaultCurrency is { } fallback)
        {
            currency = fallback;
        }
        else if (!CurrencyCode.TryParse(currencyText, out currency))
        {
            return $"BillingCurrency '{currencyText}' is not a currency code";
        }

        var metric = options.Metric == CostMetric.BilledCost ? FocusColumns.BilledCost : FocusColumns.EffectiveCost;
        if (!ParquetValues.TryAmount(columns.Get(values, metric), out var measured))
        {
            return $"{metric} is missing or not a number";
        }

        var other = options.Metric == CostMetric.BilledCost ? FocusColumns.EffectiveCost : FocusColumns.BilledCost;
        var otherAmount = ParquetValues.TryAmount(columns.Get(values, other), out var parsed) ? parsed : 0m;
        if (!ParquetValues.TryTags(columns.Get(values, FocusColumns.Tags), out var tags))
        {
            return "Tags is not a JSON object";
        }

        var slice = new CostSlice(
            ParquetValues.Text(columns.Get(values, FocusColumns.ProviderName)) ?? string.Empty,
            ParquetValues.Text(columns.Get(values, FocusColumns.BillingAccountId)) ?? string.Empty,
            ParquetValues.Text(columns.Get(values, FocusColumns.SubAccountId)) ?? string.Empty,
            ParquetValues.Text(columns.Get(values, FocusColumns.ServiceName)) ?? string.Empty,
            ParquetValues.Text(columns.Get(values, FocusColumns.RegionId)) ?? string.Empty,
            tags);
        var (billed, effective) = options.Metric == CostMetric.BilledCost
            ? (measured, otherAmount)
            : (otherAmount, measured);
        ledger.Add(start, slice, currency, billed, effective);
        return null;
    }
}

/// <summary>The FOCUS columns a Parquet file holds, by canonical name, whatever the case it wrote them in.</summary>
internal sealed class ParquetColumns
{
    private readonly Dictionary<string, string> _names;

    private ParquetColumns(Dictionary<string, string> names) => _names = names;

    public static ParquetColumns Resolve(string path, IEnumerable<string> fields, FocusReadOptions options)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (FocusColumns.TryGetCanonical(field, out var canonical))
            {
                names.TryAdd(canonical, field);
            }
        }

        var metric = options.Metric.ToString();
        foreach (var required in new[] { FocusColumns.ChargePeriodStart, metric })
        {
            if (!names.ContainsKey(required))
            {
                throw new FrugalInputException($"{path}: the Parquet schema has no {required} column");
            }
        }

        if (!names.ContainsKey(FocusColumns.BillingCurrency) && options.DefaultCurrency is null)
        {
            throw new FrugalInputException(
                $"{path}: the Parquet schema has no BillingCurrency column and no default currency is set");
        }

        return new ParquetColumns(names);
    }

    public object? Get(Dictionary<string, object> row, string column) =>
        _names.TryGetValue(column, out var name) && row.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Values as Parquet.Net's untyped reader gives them, turned into what the ledger needs.</summary>
internal static class ParquetValues
{
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        ReadOnlyMemory<char> chars => chars.ToString(),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static bool TryTimestamp(object? value, out DateTimeOffset instant)
    {
        switch (value)
        {
            case DateTime time:
                // Parquet timestamps carry no zone; FOCUS times are UTC, as the CSV reader assumes too.
                var kind = time.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc;
                instant = new DateTimeOffset(DateTime.SpecifyKind(time, kind)).ToUniversalTime();
                return true;
            case DateTimeOffset offset:
                instant = offset.ToUniversalTime();
                return true;
            default:
                instant = default;
                return Text(value) is { } text && FocusTimestamp.TryParse(text, out instant);
        }
    }

    public static bool TryAmount(object? value, out decimal amount)
    {
        switch (value)
        {
            case decimal exact:
                amount = exact;
                return true;
            case double or float:
                // The shortest round-trip text of a double is the value the export meant; a cast would add noise.
                return decimal.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out amount);
            case int or long or short:
                amount = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return true;
            default:
                amount = 0m;
                return Text(value) is { } text &&
                    decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out amount);
        }
    }

    public static bool TryTags(object? value, out IReadOnlyDictionary<string, string> tags)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        tags = result;
        if (value is IDictionary<string, object> map)
        {
            foreach (var (key, tag) in map)
            {
                result[key] = Text(tag) ?? string.Empty;
            }

            return true;
        }

        if (Text(value) is not { Length: > 0 } json)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
