using System.Buffers.Binary;
using Frugal.Notifications.Charts;
using Frugal.Notifications.Tests.Support;

namespace Frugal.Notifications.Tests;

public sealed class BurnDownChartTests
{
    [Fact]
    public void RenderPng_BudgetWithSpendAndForecast_PngOfTheDocumentedSize()
    {
        var png = BurnDownChart.RenderPng(Samples.Budget());

        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        Assert.Equal(BurnDownChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(BurnDownChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void RenderPng_NoSpendYet_StillDrawsTheBudgetLine()
    {
        var png = BurnDownChart.RenderPng(Samples.Budget() with { Spend = 0, Forecast = 0, Daily = [] });

        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
    }
}
