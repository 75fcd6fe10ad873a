namespace Frugal.Engine.Ledger;

/// <summary>What every consumer gets for a row: its charge period, currency and cost, already parsed.</summary>
internal readonly record struct FocusRowValues(int ChargePeriodId, int CurrencyId, decimal Metric, decimal OtherMetric);

/// <summary>A consumer of parsed rows: the ledger builder or the grouped cost query.</summary>
internal abstract class FocusRowSink
{
    /// <summary>Whether the metric not asked for should be read too (the ledger keeps both).</summary>
    public abstract bool ReadsOtherMetric { get; }

    /// <summary>The further columns this sink reads; <see cref="Bind"/> receives their slots in this order.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    public abstract void Bind(IReadOnlyList<int> slots);

    /// <summary>Called with each file's header before its rows, to refuse a file the sink cannot use.</summary>
    public virtual void BeginFile(FocusHeader header)
    {
    }

    /// <summary>Takes a row; returns why the row is refused, or null.</summary>
    public abstract string? Accept(in FocusRow row, in FocusRowValues values);
}
