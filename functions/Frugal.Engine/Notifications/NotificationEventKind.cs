namespace Frugal.Engine.Notifications;

/// <summary>What a notification is about; routes in the policy choose channels by these.</summary>
public enum NotificationEventKind
{
    /// <summary>Spend to date reached a threshold.</summary>
    ThresholdCrossed,

    /// <summary>The forecast for the period reached a threshold.</summary>
    ForecastCrossed,

    /// <summary>A destructive action was planned while the policy is in dry-run: shown, not carried out.</summary>
    ActionPlanned,

    /// <summary>A destructive action was carried out.</summary>
    ActionTaken,

    /// <summary>A destructive action failed (reported at its first failure; retries follow).</summary>
    ActionFailed,

    /// <summary>A plan was refused whole by <c>safety.maxActionsPerRun</c>.</summary>
    SafetyLimit,

    /// <summary>The once-a-day summary of every budget.</summary>
    DailyDigest,

    /// <summary>A channel said it no longer exists; told to the other channels.</summary>
    ChannelGone,

    /// <summary>A message sent on request to check a channel's setup; never stored.</summary>
    Test,

    /// <summary>A training job expired, failed, or was given up after too many preemptions.</summary>
    TrainingJob,
}

/// <summary>How urgently a person should read a notification; routes send only from a minimum severity up.</summary>
public enum NotificationSeverity
{
    Info,
    Warning,
    Critical,
}
