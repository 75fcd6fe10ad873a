using Frugal.Engine.Billing;
using Frugal.Engine.BudgetEvents;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Retraining;
using Frugal.Engine.Training;

namespace Frugal.Engine.State;

/// <summary>
/// Opens Frugal's state where the host keeps it: the embedded SQLite file (composition's default) or a shared
/// store that hosts register (<c>Frugal.State.AzureTables</c>); configuration chooses one by <see cref="Provider"/>.
/// </summary>
public interface IStateSource
{
    /// <summary>The name configuration chooses this source by (<c>sqlite</c>, <c>azureTables</c>).</summary>
    string Provider { get; }

    /// <summary>
    /// The state for reading and writing. <paramref name="localPath"/> is the state file the request or policy
    /// names; a source that keeps state elsewhere ignores it.
    /// </summary>
    StateStores Open(string localPath);

    /// <summary>The state for reading only, changing nothing; null when nothing was ever recorded.</summary>
    StateStores? OpenReadOnly(string localPath);
}

/// <summary>
/// The stores of one state, opened together: the budget's (crossings, outboxes, audit, alerts, detachments), the
/// archive journal, the training queue, GPU jobs with the usage read from their results, and model signals.
/// </summary>
public sealed record StateStores(
    IStateStore Store,
    IBudgetEventStore BudgetEvents,
    IProjectBillingStore Billing,
    IArchiveJournal Journal,
    ITrainingJobStore TrainingJobs,
    IGpuJobStore GpuJobs,
    IInferenceUsage InferenceUsage,
    IModelSignalStore ModelSignals);
