using Frugal.Engine.Policies;
using Frugal.Engine.Retraining;

namespace Frugal.Hosting.Retraining;

/// <summary>
/// Builds the training queue's <see cref="IRetrainingLauncher"/> for one evaluation: the queue lives in the state
/// the evaluation was asked about, and its templates and prices come from that policy.
/// </summary>
public interface IRetrainingLauncherSource
{
    IRetrainingLauncher Create(FrugalPolicy policy, string statePath);
}
