using Frugal.Engine.Autoscaling;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Autoscaling;

public sealed class ScheduleWindowsTests
{
    private static readonly ReplicaSchedule WeeknightsBerlin = new()
    {
        TimeZone = "Europe/Berlin",
        Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        From = new TimeOnly(20, 0),
        To = new TimeOnly(7, 0),
        MinReplicas = 1,
    };

    [Theory]
    [InlineData("2026-11-20T19:59:00+01:00", false)] // Friday evening, before the window
    [InlineData("2026-11-20T20:00:00+01:00", true)]  // Friday 20:00 opens it
    [InlineData("2026-11-21T06:59:00+01:00", true)]  // Saturday morning still belongs to Friday's window
    [InlineData("2026-11-21T07:00:00+01:00", false)] // and closes at 07:00
    [InlineData("2026-11-21T21:00:00+01:00", false)] // Saturday evening: no window starts on Saturday
    [InlineData("2026-11-23T05:00:00+01:00", false)] // Monday morning: Sunday started none
    [InlineData("2026-11-23T22:00:00+01:00", true)]
    public void IsOpen_WindowPastMidnight_MorningBelongsToThePreviousDay(string instant, bool open)
    {
        Assert.Equal(open, ScheduleWindows.IsOpen(WeeknightsBerlin, DateTimeOffset.Parse(instant,
            System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-03-29T00:30:00Z", true)]  // 01:30 CET: before the clocks go forward at 02:00
    [InlineData("2026-03-29T01:30:00Z", true)]  // 03:30 CEST: the hour 02:00-03:00 did not exist
    [InlineData("2026-03-29T02:00:00Z", false)] // 04:00 CEST: closed at 04:00 wall-clock time
    [InlineData("2026-10-25T00:30:00Z", true)]  // 02:30 CEST, the first time round
    [InlineData("2026-10-25T01:30:00Z", true)]  // 02:30 CET, the second time round: still open
    [InlineData("2026-10-25T03:00:00Z", false)] // 04:00 CET
    public void IsOpen_AcrossDaylightSavingChanges_FollowsTheWallClock(string instant, bool open)
    {
        var schedule = new ReplicaSchedule
        {
            TimeZone = "Europe/Berlin",
            From = new TimeOnly(1, 0),
            To = new TimeOnly(4, 0),
            MinReplicas = 1,
        };

        Assert.Equal(open, ScheduleWindows.IsOpen(schedule, DateTimeOffset.Parse(instant,
            System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsOpen_WholeDayToMidnight_CoversTheLastMinute()
    {
        var weekend = new ReplicaSchedule
        {
            TimeZone = "America/New_York",
            Days = [DayOfWeek.Saturday],
            From = TimeOnly.MinValue,
            To = TimeOnly.MinValue,
            EndsAtMidnight = true,
            MinReplicas = 1,
        };

        var newYork = TimeSpan.FromHours(-5);

        Assert.True(ScheduleWindows.IsOpen(weekend, new DateTimeOffset(2026, 11, 21, 23, 59, 0, newYork)));
        Assert.False(ScheduleWindows.IsOpen(weekend, new DateTimeOffset(2026, 11, 22, 0, 0, 0, newYork)));
    }
}
