using Frugal.Engine.Policies;

namespace Frugal.Engine.Notifications;

/// <summary>
/// How severe each event is. A threshold at or above the whole amount is critical, one from 80 % warns, lower ones
/// inform; a forecast is a warning at most, as it speaks of money not yet spent.
/// </summary>
public static class NotificationSeverities
{
    public static NotificationEventKind KindOf(ThresholdRule threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return threshold.Basis == SpendBasis.Forecast
            ? NotificationEventKind.ForecastCrossed
            : NotificationEventKind.ThresholdCrossed;
    }

    public static NotificationSeverity For(ThresholdRule threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var severity = threshold.Fraction switch
        {
            >= 1m => NotificationSeverity.Critical,
            >= 0.8m => NotificationSeverity.Warning,
            _ => NotificationSeverity.Info,
        };
        return threshold.Basis == SpendBasis.Forecast && severity == NotificationSeverity.Critical
            ? NotificationSeverity.Warning
            : severity;
    }

    /// <summary>Detaching billing is the one rung whose every mention is urgent.</summary>
    public static NotificationSeverity For(NotificationEventKind kind, ActionKind action) => kind switch
    {
        NotificationEventKind.ActionPlanned => action == ActionKind.DetachBilling
            ? NotificationSeverity.Warning
            : NotificationSeverity.Info,
        NotificationEventKind.ActionTaken => action == ActionKind.DetachBilling
            ? NotificationSeverity.Critical
            : NotificationSeverity.Warning,
        _ => NotificationSeverity.Critical,
    };
}
