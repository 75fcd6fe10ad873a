namespace Frugal.Engine.Ledger;

/// <summary>
/// A grouped cost question: spend per combination of <see cref="GroupBy"/> values and currency, for charge periods
/// starting in [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record FocusCostQuery
{
    /// <summary>FOCUS column names (any letter case), columns of the file's header, or <c>tag:KEY</c>.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>Inclusive lower bound on ChargePeriodStart; null for no bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound on ChargePeriodStart; null for no bound.</summary>
    public DateTimeOffset? To { get; init; }
}
