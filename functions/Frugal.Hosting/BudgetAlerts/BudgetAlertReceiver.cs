using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Policies;
using Frugal.Hosting.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.BudgetAlerts;

/// <summary>
/// Takes a parsed budget alert into the host's policy and state: the policy file is read afresh for each alert, so
/// an edited policy applies without a restart.
/// </summary>
public sealed class BudgetAlertReceiver(
    IOptions<FrugalHostOptions> options, IBudgetEvaluationTrigger trigger, ILoggerFactory loggers, StateChoice state)
{
    public async Task<BudgetEventOutcome> AcceptAsync(BudgetEvent budgetEvent, CancellationToken ct)
    {
        var settings = options.Value;
        var policy = PolicyLoader.LoadValid(settings.PolicyPath);
        var request = new BudgetJobRequest(settings.PolicyPath, StatePath: settings.StatePath);
        var store = state.Open(BudgetJob.StatePath(request, policy)).BudgetEvents;
        var intake = new BudgetEventIntake(store, trigger, loggers.CreateLogger<BudgetEventIntake>());
        return await intake.AcceptAsync(policy, budgetEvent, ct).ConfigureAwait(false);
    }
}
