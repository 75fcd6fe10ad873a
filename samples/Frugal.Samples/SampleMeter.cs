namespace Frugal.Samples;

/// <summary>How a kind of spend moves with the calendar.</summary>
internal enum SpendPattern
{
    /// <summary>GPU training: runs all week, but far less at weekends when nobody starts jobs.</summary>
    Training,

    /// <summary>Inference serving: follows users, with a daily peak and quieter weekends.</summary>
    Serving,

    /// <summary>Storage: flat, growing slowly with the data.</summary>
    Storage,

    /// <summary>Ad-hoc analytics: working hours on weekdays.</summary>
    Analytics,
}

/// <summary>A billing account: who pays, in which currency.</summary>
internal sealed record SampleAccount(
    string Provider, string Id, string Name, string Currency, string SubAccountId, string SubAccountName);

/// <summary>One line of the price list the sample draws from: a resource kind with its hourly cost.</summary>
internal sealed record SampleMeter(
    SampleAccount Account,
    string Service,
    string Category,
    string Region,
    string SkuId,
    string Description,
    string PricingCategory,
    string PricingUnit,
    decimal HourlyCost,
    decimal QuantityPerHour,
    SpendPattern Pattern,
    int Instances,
    int Weight,
    string ResourcePrefix,
    string Tags);

/// <summary>A credit or refund: negative spend on an account's service.</summary>
internal sealed record SampleCredit(
    SampleAccount Account, string Service, string Category, string Description, decimal MaxAmount);
