namespace Frugal.Engine.Training;

/// <summary>Estimates and actual costs from hourly rates and run time. Pure.</summary>
public static class TrainingCostMath
{
    /// <summary>One full attempt (<see cref="TrainingJobSpec.MaxRunTime"/>) at an hourly rate.</summary>
    public static Money.Money? Estimate(TrainingJobSpec spec, Money.Money? hourly)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return hourly is { } rate ? new Money.Money(rate.Amount * (decimal)spec.MaxRunTime.TotalHours, rate.Currency)
            : null;
    }

    /// <summary>
    /// Costs with one attempt's run time, from when its VM ran until <paramref name="until"/>, added at its rate and
    /// at the on-demand rate. An attempt that never ran, or whose rates are unknown, adds nothing.
    /// </summary>
    public static TrainingCosts AddRun(TrainingCosts costs, TrainingPlacement? placement, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (placement?.RunningSince is not { } since || until <= since)
        {
            return costs;
        }

        var hours = (decimal)(until - since).TotalHours;
        return costs with
        {
            Actual = Add(costs.Actual, placement.HourlyRate, hours),
            OnDemandEquivalent = Add(costs.OnDemandEquivalent, placement.OnDemandRate, hours),
        };
    }

    private static Money.Money? Add(Money.Money? total, Money.Money? rate, decimal hours)
    {
        if (rate is not { } hourly)
        {
            return total;
        }

        var run = new Money.Money(decimal.Round(hourly.Amount * hours, 4), hourly.Currency);
        return total is { } sum && sum.Currency == run.Currency ? sum + run : total ?? run;
    }
}
