using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Training;

public sealed class OffPeakScheduleTests
{
    [Theory]
    [InlineData("2026-12-07T18:59:00Z", false)]
    [InlineData("2026-12-07T19:00:00Z", true)]
    [InlineData("2026-12-08T05:59:00Z", true)]
    [InlineData("2026-12-08T06:00:00Z", false)]
    [InlineData("2026-12-12T05:00:00Z", true)]
    [InlineData("2026-12-12T19:30:00Z", false)]
    [InlineData("2026-12-07T05:00:00Z", false)]
    public void IsOpen_WeekdayNightsCrossingMidnight_BelongToTheDayTheyStart(string utc, bool open)
    {
        var schedule = TrainingScenario.Schedule("Mon-Fri 20:00-07:00");

        var instant = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(open, schedule.IsOpen(instant));
    }

    [Fact]
    public void IsOpen_DaylightSavingEnds_WindowClosesAtLocalHourSoRunsAnHourLonger()
    {
        // Sunday 25 October 2026: Berlin goes back from UTC+2 to UTC+1 at 03:00 local.
        var schedule = TrainingScenario.Schedule("Sat 20:00-07:00");

        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 10, 24, 18, 0, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 10, 25, 5, 59, 0, TimeSpan.Zero)));
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 10, 25, 6, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOpen_Weekends_WholeSaturdayAndSundayLocal()
    {
        var schedule = TrainingScenario.Schedule("weekends", "America/New_York");

        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 12, 12, 4, 59, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 12, 12, 5, 0, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 12, 14, 4, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOpen_Holiday_OpenAllLocalDay()
    {
        var schedule = new OffPeakSchedule(
            "Europe/Berlin", [OffPeakWindowText.Parse("Mon-Fri 20:00-07:00", out _)!],
            new HashSet<DateOnly> { new(2026, 12, 24) });

        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 12, 24, 11, 0, 0, TimeSpan.Zero)));
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 12, 23, 11, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOpen_CronOnDaylightSavingNight_OpensAtLocalTime()
    {
        var schedule = new OffPeakSchedule(
            "Europe/Berlin", [new CronOffPeakWindow("0 22 * * *", TimeSpan.FromHours(4))], new HashSet<DateOnly>());

        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 3, 29, 19, 59, 0, TimeSpan.Zero)));
        Assert.True(schedule.IsOpen(new DateTimeOffset(2026, 3, 29, 20, 0, 0, TimeSpan.Zero)));
        Assert.False(schedule.IsOpen(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Mon-Fri 20:00")]
    [InlineData("Xyz 20:00-07:00")]
    [InlineData("Mon 20:00-20:00")]
    [InlineData("Mon 25:00-07:00")]
    public void Parse_Malformed_SaysWhy(string text)
    {
        Assert.Null(OffPeakWindowText.Parse(text, out var problem));
        Assert.Contains(text, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RangeWrappingPastSunday_TakesEveryDayBetween()
    {
        var window = OffPeakWindowText.Parse("Fri-Mon 00:00-24:00", out _)!;

        Assert.Equal(
            [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Saturday], window.Days.Order());
    }
}
