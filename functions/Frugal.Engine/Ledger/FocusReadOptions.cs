using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.Engine.Ledger;

/// <summary>How FOCUS files are read: what to do with bad rows and what to assume where a file is silent.</summary>
public sealed record FocusReadOptions
{
    public static FocusReadOptions Default { get; } = new();

    /// <summary>When true, the first malformed row fails the read instead of being skipped.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The currency of files whose header has no BillingCurrency column (the specification's example files) and
    /// of empty BillingCurrency cells. Without it such a file is refused and such a row rejected. A currency
    /// written in the row always wins.
    /// </summary>
    public CurrencyCode? DefaultCurrency { get; init; }

    /// <summary>
    /// The metric the caller needs: its column must be in every header and hold a number in every row.
    /// The ledger also sums the other metric where present, counting a null there as zero.
    /// </summary>
    public CostMetric Metric { get; init; } = CostMetric.BilledCost;

    /// <summary>How many rejected rows are kept for reports; all of them are counted.</summary>
    public int MaxRejectedRows { get; init; } = 1000;

    /// <summary>Receives a warning for each of the first skipped rows and a count per file.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
