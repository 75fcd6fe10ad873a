using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Frugal.Samples;

/// <summary>
/// Writes a deterministic FOCUS 1.2 CSV: a month of hourly spend for an ML team across Google Cloud and Azure,
/// with weekday seasonality, a mild upward trend, a few credits, and Tags as quoted JSON. The same arguments
/// always give the same bytes.
/// </summary>
public static class FocusSampleGenerator
{
    /// <summary>The columns written, in order: 28 of FOCUS 1.2's, the mandatory ones and those ML teams use.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodStart",
        "ChargePeriodEnd", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingCategory",
        "PricingQuantity", "PricingUnit", "ProviderName", "InvoiceIssuerName", "RegionId", "ResourceId",
        "ServiceCategory", "ServiceName", "SkuId", "SubAccountId", "SubAccountName", "Tags",
    ];

    /// <summary>Writes <paramref name="rows"/> rows spread evenly over the hours of the month, in time order.</summary>
    public static void Write(int rows, int seed, DateOnly monthStart, TextWriter writer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentNullException.ThrowIfNull(writer);
        if (monthStart.Day != 1)
        {
            throw new ArgumentException($"{monthStart:yyyy-MM-dd} is not the first day of a month", nameof(monthStart));
        }

        var month = new SampleMonth(monthStart);
        var random = new SplitMix64((ulong)(uint)seed);
        var meters = new MeterPicker(SampleCatalogue.Meters);
        var row = new SampleRowWriter(writer, month);
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        for (var i = 0; i < rows; i++)
        {
            var hour = month.Start.AddHours((int)((long)i * month.Hours / rows));
            if (random.Below(1000) == 0)
            {
                row.WriteCredit(hour, random);
            }
            else
            {
                row.WriteUsage(hour, meters.Pick(random), random);
            }
        }
    }

    /// <summary>Writes to a file; a name ending in <c>.gz</c> is gzip-compressed.</summary>
    public static void WriteFile(string path, int rows, int seed, DateOnly monthStart)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var compressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.SmallestSize)
            : null;
        using var writer = new StreamWriter(compressed ?? (Stream)file, new UTF8Encoding(false), 1 << 20);
        Write(rows, seed, monthStart, writer);
    }

    /// <summary>Picks meters in proportion to their weight.</summary>
    private sealed class MeterPicker
    {
        private readonly IReadOnlyList<SampleMeter> _meters;
        private readonly int[] _cumulative;

        public MeterPicker(IReadOnlyList<SampleMeter> meters)
        {
            _meters = meters;
            _cumulative = new int[meters.Count];
            var total = 0;
            for (var i = 0; i < meters.Count; i++)
            {
                total += meters[i].Weight;
                _cumulative[i] = total;
            }
        }

        public SampleMeter Pick(SplitMix64 random)
        {
            var ticket = random.Below(_cumulative[^1]);
            var index = Array.BinarySearch(_cumulative, ticket + 1);
            return _meters[index >= 0 ? index : ~index];
        }
    }
}

/// <summary>The month being written and how spend moves through it.</summary>
internal sealed class SampleMonth(DateOnly monthStart)
{
    // Serving load by hour of day (UTC): quiet at night, peaking in the American afternoon.
    private static readonly decimal[] ServingByHour =
    [
        0.62m, 0.58m, 0.55m, 0.55m, 0.58m, 0.65m, 0.75m, 0.85m, 0.95m, 1.02m, 1.08m, 1.12m,
        1.15m, 1.20m, 1.25m, 1.28m, 1.30m, 1.28m, 1.22m, 1.15m, 1.05m, 0.92m, 0.80m, 0.70m,
    ];

    public DateTime Start { get; } = monthStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime End => Start.AddMonths(1);

    public int Hours => (int)(End - Start).TotalHours;

    /// <summary>How much of a meter's full hourly cost is spent in this hour.</summary>
    public decimal Factor(SpendPattern pattern, DateTime hour)
    {
        var day = (int)(hour - Start).TotalDays;
        var weekend = hour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var trend = 1m + (0.005m * day);
        return pattern switch
        {
            SpendPattern.Training => trend * (weekend ? (hour.DayOfWeek == DayOfWeek.Sunday ? 0.40m : 0.45m) : 1m),
            SpendPattern.Serving => trend * ServingByHour[hour.Hour] * (weekend ? 0.70m : 1m),
            SpendPattern.Analytics => trend * (weekend ? 0.10m : hour.Hour is >= 13 and <= 23 ? 1.60m : 0.30m),
            _ => 1m + (0.004m * day),
        };
    }

    public static string Timestamp(DateTime time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
