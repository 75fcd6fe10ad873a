namespace Frugal.Engine.Training;

/// <summary>
/// Where a job is: queued → launching → running → (preempted → relaunching)* → succeeded | failed | expired |
/// cancelled; a running interruptible job is checkpointing at window end, then queued for the next window.
/// </summary>
public enum TrainingJobState
{
    Queued,
    Launching,
    Running,
    Checkpointing,
    Preempted,
    Relaunching,
    Succeeded,
    Failed,
    Expired,
    Cancelled,
}

/// <summary>Questions about states that several parts ask.</summary>
public static class TrainingJobStates
{
    public static bool IsFinal(this TrainingJobState state) =>
        state is TrainingJobState.Succeeded or TrainingJobState.Failed or TrainingJobState.Expired
            or TrainingJobState.Cancelled;

    /// <summary>Waiting for a window, a budget, GPUs or capacity.</summary>
    public static bool IsWaiting(this TrainingJobState state) =>
        state is TrainingJobState.Queued or TrainingJobState.Relaunching;

    /// <summary>Holding (or about to hold) a VM and its GPUs.</summary>
    public static bool HoldsGpus(this TrainingJobState state) =>
        state is TrainingJobState.Launching or TrainingJobState.Running or TrainingJobState.Checkpointing;
}
