using Frugal.Engine.Money;

namespace Frugal.Engine.Budgets;

/// <summary>
/// Spend by local day in one currency over a contiguous range of days, and what was seen in other currencies
/// (reported, never converted or mixed in).
/// </summary>
public sealed class DailySpend
{
    private readonly DateOnly _firstDay;
    private readonly decimal[] _amounts;

    public DailySpend(DateOnly firstDay, decimal[] amounts, IReadOnlyDictionary<CurrencyCode, decimal> elsewhere)
    {
        _firstDay = firstDay;
        _amounts = amounts;
        Elsewhere = elsewhere;
    }

    public IReadOnlyDictionary<CurrencyCode, decimal> Elsewhere { get; }

    public static DailySpend FromDays(IReadOnlyDictionary<DateOnly, decimal> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return new DailySpend(DateOnly.MinValue, [], new Dictionary<CurrencyCode, decimal>());
        }

        var first = days.Keys.Min();
        var amounts = new decimal[days.Keys.Max().DayNumber - first.DayNumber + 1];
        foreach (var (day, amount) in days)
        {
            amounts[day.DayNumber - first.DayNumber] += amount;
        }

        return new DailySpend(first, amounts, new Dictionary<CurrencyCode, decimal>());
    }

    /// <summary>Spend on one day; zero outside the range.</summary>
    public decimal On(DateOnly day)
    {
        var offset = day.DayNumber - _firstDay.DayNumber;
        return offset >= 0 && offset < _amounts.Length ? _amounts[offset] : 0m;
    }

    /// <summary>Spend from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public decimal Between(DateOnly first, DateOnly last)
    {
        var from = Math.Max(0, first.DayNumber - _firstDay.DayNumber);
        var to = Math.Min(_amounts.Length - 1, last.DayNumber - _firstDay.DayNumber);
        var total = 0m;
        for (var i = from; i <= to; i++)
        {
            total += _amounts[i];
        }

        return total;
    }
}
