using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;
using Frugal.Engine.Policies.Loading;

namespace Frugal.Engine.Retraining;

/// <summary>
/// Decides whether a model is retrained now, from its rule, its latest signals, the age of its current version,
/// when it was last queued, and its budget with the estimated cost of a run. Pure: the same inputs give the same
/// decision. Signals observed before the current version was made describe an older model and are not counted.
/// </summary>
public static class RetrainingDecider
{
    /// <summary>Which conditions hold and whether the minimum interval allows a run; budgets aside.</summary>
    public static RetrainingAssessment Assess(RetrainingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var conditions = new RetrainingConditionCheck(inputs);
        conditions.Check();
        return new RetrainingAssessment(conditions.Triggers, conditions.Evidence, TooSoon(inputs));
    }

    public static RetrainingDecision Decide(RetrainingInputs inputs)
    {
        var assessment = Assess(inputs);
        if (!assessment.Triggered)
        {
            return NotRetrained("no condition holds", assessment);
        }

        var due = string.Join("; ", assessment.Triggers);
        if (assessment.TooSoon is { } tooSoon)
        {
            return NotRetrained($"{due}, but {tooSoon}", assessment);
        }

        var key = IdempotencyKey(inputs);
        if (inputs.Rule.Budget is not { } budget)
        {
            return new RetrainingDecision(RetrainingVerdict.Retrain, due, assessment.Evidence, key)
            {
                Estimate = inputs.Estimate,
            };
        }

        return DecideOnBudget(inputs, budget, due, assessment, key);
    }

    /// <summary>
    /// One key per model and window of <see cref="RetrainingRule.MinInterval"/> (counted from the Unix epoch), so
    /// evaluations racing in one window hand the queue the same key and only one run is queued.
    /// </summary>
    public static string IdempotencyKey(RetrainingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(inputs.Rule.MinInterval, TimeSpan.Zero);
        var interval = inputs.Rule.MinInterval.Ticks;
        var elapsed = (inputs.Now - DateTimeOffset.UnixEpoch).Ticks;
        var window = DateTimeOffset.UnixEpoch.AddTicks(elapsed - (elapsed % interval));
        return string.Create(CultureInfo.InvariantCulture,
            $"retrain:{inputs.Rule.Model}:{window.UtcDateTime:yyyyMMdd'T'HHmm'Z'}");
    }

    private static RetrainingDecision DecideOnBudget(
        RetrainingInputs inputs, string budget, string due, RetrainingAssessment assessment, string key)
    {
        var evidence = assessment.Evidence;
        if (inputs.Budget is not { } status)
        {
            return Deferred($"{due}, but budget {budget} cannot be evaluated now", evidence, inputs);
        }

        if (inputs.Estimate is not { } estimate)
        {
            return Deferred($"{due}, but there is no cost estimate for training job {inputs.Rule.TrainingJob}, "
                + $"so budget {budget} cannot be checked", evidence, inputs);
        }

        if (estimate.Currency != status.Budget.Currency)
        {
            return Deferred($"{due}, but the estimate {estimate} is not in budget {budget}'s currency "
                + $"{status.Budget.Currency}", evidence, inputs);
        }

        var admission = TrainingHolds.Admit(status, estimate);
        IReadOnlyList<string> withBudget = [.. evidence, admission.Reason];
        return admission.Admitted
            ? new RetrainingDecision(RetrainingVerdict.Retrain, due, withBudget, key) { Estimate = estimate }
            : Deferred($"{due}, but {admission.Reason}", withBudget, inputs);
    }

    private static string? TooSoon(RetrainingInputs inputs)
    {
        if (inputs.LastQueued is not { } last || inputs.Now - last >= inputs.Rule.MinInterval)
        {
            return null;
        }

        var next = last + inputs.Rule.MinInterval;
        return $"a retraining was queued at {Stamp(last)} and minInterval is "
            + $"{DurationText.Format(inputs.Rule.MinInterval)}: not before {Stamp(next)}";
    }

    private static RetrainingDecision NotRetrained(string reason, RetrainingAssessment assessment) =>
        new(RetrainingVerdict.NotRetrained, reason, assessment.Evidence, null);

    private static RetrainingDecision Deferred(
        string reason, IReadOnlyList<string> evidence, RetrainingInputs inputs) =>
        new(RetrainingVerdict.Deferred, reason, evidence, null) { Estimate = inputs.Estimate };

    internal static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
