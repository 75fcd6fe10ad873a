using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Budgets;

public sealed class BudgetPeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZones.Resolve("Europe/Berlin");

    [Fact]
    public void Containing_MonthInZoneAheadOfUtc_StartsAtLocalMidnight()
    {
        var instant = DateTimeOffset.Parse("2026-10-31T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Month, Berlin, instant);

        Assert.Equal("2026-11", period.Label);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(30, period.DayCount);
    }

    [Fact]
    public void Containing_MonthWithDaylightSavingChange_EndsAtLocalMidnightInWinterTime()
    {
        var period = BudgetPeriod.Containing(
            BudgetPeriodKind.Month, Berlin, new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(2), period.Start.Offset);
        Assert.Equal(TimeSpan.FromHours(1), period.End.Offset);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), period.End.ToUniversalTime());
    }

    [Fact]
    public void Containing_Week_StartsMondayWithIsoLabel()
    {
        var sunday = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Week, TimeZoneInfo.Utc, sunday);

        Assert.Equal(new DateOnly(2026, 11, 23), period.FirstDay);
        Assert.Equal(DayOfWeek.Monday, period.FirstDay.DayOfWeek);
        Assert.Equal("2026-W48", period.Label);
    }

    [Fact]
    public void Containing_DayInZoneWithMidnightGap_StartsAtFirstValidInstant()
    {
        var santiago = TimeZones.Resolve("America/Santiago");
        var day = new DateTimeOffset(2026, 9, 6, 12, 0, 0, TimeSpan.Zero);

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Day, santiago, day);

        Assert.Equal(new DateOnly(2026, 9, 6), period.FirstDay);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), period.Start.ToUniversalTime());
    }

    [Theory]
    [InlineData("Pacific Standard Time")]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    public void TryResolve_NotAnIanaId_ReturnsFalse(string id)
    {
        Assert.False(TimeZones.TryResolve(id, out _));
    }
}
