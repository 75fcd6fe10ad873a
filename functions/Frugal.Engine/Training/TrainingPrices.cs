using Frugal.Engine.Prices;

namespace Frugal.Engine.Training;

/// <summary>
/// The hourly price of a job's machine in a zone: from the price catalog where one is configured and knows the
/// machine, else from the policy's <c>training.rates</c>.
/// </summary>
public sealed class TrainingPrices(IPriceCatalog? catalog, IReadOnlyList<TrainingRate> rates)
{
    /// <summary>The price per hour, or null when neither the catalog nor the policy has one.</summary>
    public async Task<Money.Money?> HourlyAsync(
        TrainingJobSpec spec, string zone, ProvisioningModel model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rate = rates.FirstOrDefault(r => r.MachineType == spec.MachineType);
        if (catalog is not null && MachineShapes.Find(spec) is { } shape)
        {
            var currency = rate?.Spot.Currency ?? Money.CurrencyCode.Parse("USD");
            var priced = await catalog.HourlyAsync(shape, Region(zone), model == ProvisioningModel.Spot, currency, ct)
                .ConfigureAwait(false);
            if (priced is not null)
            {
                return priced;
            }
        }

        return rate is null ? null : model == ProvisioningModel.Spot ? rate.Spot : rate.OnDemand;
    }

    /// <summary><c>us-central1-a</c> → <c>us-central1</c>.</summary>
    public static string Region(string zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var dash = zone.LastIndexOf('-');
        return dash > 0 ? zone[..dash] : zone;
    }
}
