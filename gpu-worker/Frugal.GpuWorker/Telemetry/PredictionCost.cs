using Frugal.Engine.Money;

namespace Frugal.GpuWorker.Telemetry;

/// <summary>What a thousand predictions cost on a node priced by the hour.</summary>
internal static class PredictionCost
{
    /// <summary>
    /// The node's hourly price spread over <paramref name="predictions"/> made in <paramref name="seconds"/>;
    /// zero when nothing was predicted, so an idle worker reports no cost rather than an infinite one.
    /// </summary>
    public static Money PerThousand(Money hourlyPrice, double seconds, long predictions)
    {
        if (predictions <= 0 || seconds <= 0)
        {
            return Money.Zero(hourlyPrice.Currency);
        }

        var spent = hourlyPrice.Amount * (decimal)seconds / 3600m;
        return new Money(decimal.Round(spent * 1000m / predictions, 10), hourlyPrice.Currency);
    }
}
