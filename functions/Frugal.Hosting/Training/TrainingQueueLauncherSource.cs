using Frugal.Engine.Policies;
using Frugal.Engine.Prices;
using Frugal.Engine.Retraining;
using Frugal.Engine.Training;
using Frugal.Hosting.Retraining;
using Frugal.Hosting.State;

namespace Frugal.Hosting.Training;

/// <summary>
/// The training queue as the launcher retraining uses: the queue in the evaluation's state (the store
/// <c>Frugal:State:Provider</c> chooses), priced by the
/// catalog the host registered (Frugal.Google's when Google is enabled), else by the policy's rates.
/// </summary>
internal sealed class TrainingQueueLauncherSource(
    IEnumerable<IPriceCatalog> catalogs, StateChoice state, TimeProvider time)
    : IRetrainingLauncherSource
{
    private readonly IPriceCatalog? _catalog = catalogs.LastOrDefault();

    public IRetrainingLauncher Create(FrugalPolicy policy, string statePath)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new TrainingQueueRetrainingLauncher(policy, state.Open(statePath).TrainingJobs,
            new TrainingPrices(_catalog, policy.Training.Rates), time);
    }
}
