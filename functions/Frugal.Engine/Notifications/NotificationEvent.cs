namespace Frugal.Engine.Notifications;

/// <summary>
/// Something Frugal tells people about, with everything a channel needs to render it. It is stored as it was
/// when the event happened, so a message sent after a crash says what was true then.
/// </summary>
public sealed record NotificationEvent
{
    /// <summary>The same for the same event however often it is seen; with a channel, the idempotency key.</summary>
    public required string Key { get; init; }

    public required NotificationEventKind Kind { get; init; }

    public required NotificationSeverity Severity { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>One line, also the email subject: <c>ml-platform at 92% of USD 40,000</c>.</summary>
    public required string Headline { get; init; }

    /// <summary>What happened and why, in a sentence or two.</summary>
    public required string Summary { get; init; }

    /// <summary>The budget the event concerns, as it stood then; null for events about no one budget.</summary>
    public BudgetFacts? Budget { get; init; }

    /// <summary>What Frugal did or will do about it, one line each.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>Set for <see cref="NotificationEventKind.DailyDigest"/> only.</summary>
    public DigestFacts? Digest { get; init; }
}

/// <summary>Where a budget stood: spend, forecast and amount in its currency, and the threshold at stake.</summary>
public sealed record BudgetFacts
{
    public required string Name { get; init; }

    public required string Period { get; init; }

    public required string Currency { get; init; }

    public required decimal Amount { get; init; }

    public required decimal Spend { get; init; }

    public required decimal Forecast { get; init; }

    /// <summary>The rung at stake, as <c>actual@0.9</c>; null when no threshold is concerned.</summary>
    public string? Threshold { get; init; }

    public DateOnly FirstDay { get; init; }

    public DateOnly LastDay { get; init; }

    /// <summary>Spend on each local day from <see cref="FirstDay"/> up to the last day with data.</summary>
    public IReadOnlyList<decimal> Daily { get; init; } = [];

    /// <summary>Thresholds reached in the period, as <c>actual@0.9</c>.</summary>
    public IReadOnlyList<string> Reached { get; init; } = [];

    public decimal SpendFraction => Amount == 0 ? 0 : Spend / Amount;

    public decimal ForecastFraction => Amount == 0 ? 0 : Forecast / Amount;
}

/// <summary>The daily digest: one local day, every budget, the day's actions and money saved where known.</summary>
public sealed record DigestFacts
{
    public required DateOnly Day { get; init; }

    public required string TimeZone { get; init; }

    public required IReadOnlyList<BudgetFacts> Budgets { get; init; }

    /// <summary>Actions settled during the day, one line each.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>Money saved as far as Frugal knows, with what was counted; or why it is not known yet.</summary>
    public required string Savings { get; init; }

    /// <summary>The top three recommendations, one line each with the estimated monthly saving.</summary>
    public IReadOnlyList<string> Recommendations { get; init; } = [];
}
