using System.Collections.Frozen;

namespace Frugal.Engine.Ledger;

/// <summary>The column names of FOCUS 1.0 to 1.2, in the spelling the specification gives them.</summary>
public static class FocusColumns
{
    public const string BilledCost = nameof(BilledCost);
    public const string BillingAccountId = nameof(BillingAccountId);
    public const string BillingCurrency = nameof(BillingCurrency);
    public const string ChargePeriodStart = nameof(ChargePeriodStart);
    public const string EffectiveCost = nameof(EffectiveCost);
    public const string ProviderName = nameof(ProviderName);
    public const string RegionId = nameof(RegionId);
    public const string ServiceName = nameof(ServiceName);
    public const string SubAccountId = nameof(SubAccountId);
    public const string Tags = nameof(Tags);

    /// <summary>Every column of FOCUS 1.0 to 1.2; 1.0's columns are all still present in 1.2.</summary>
    public static IReadOnlyList<string> All { get; } = (
        "AvailabilityZone BilledCost BillingAccountId BillingAccountName BillingAccountType BillingCurrency " +
        "BillingPeriodEnd BillingPeriodStart CapacityReservationId CapacityReservationStatus ChargeCategory " +
        "ChargeClass ChargeDescription ChargeFrequency ChargePeriodEnd ChargePeriodStart " +
        "CommitmentDiscountCategory CommitmentDiscountId CommitmentDiscountName CommitmentDiscountQuantity " +
        "CommitmentDiscountStatus CommitmentDiscountType CommitmentDiscountUnit ConsumedQuantity ConsumedUnit " +
        "ContractedCost ContractedUnitPrice EffectiveCost InvoiceId InvoiceIssuerName ListCost ListUnitPrice " +
        "PricingCategory PricingCurrency PricingCurrencyContractedUnitPrice PricingCurrencyEffectiveCost " +
        "PricingCurrencyListUnitPrice PricingQuantity PricingUnit ProviderName PublisherName RegionId RegionName " +
        "ResourceId ResourceName ResourceType ServiceCategory ServiceName ServiceSubcategory SkuId SkuMeter " +
        "SkuPriceDetails SkuPriceId SubAccountId SubAccountName SubAccountType Tags").Split(' ');

    private static readonly FrozenDictionary<string, string> Canonical =
        All.ToFrozenDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a FOCUS column whatever the letter case of <paramref name="name"/>.</summary>
    public static bool TryGetCanonical(string name, out string canonical)
    {
        if (Canonical.TryGetValue(name.Trim(), out var found))
        {
            canonical = found;
            return true;
        }

        canonical = name;
        return false;
    }
}
