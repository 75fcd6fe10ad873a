using Microsoft.Azure.Functions.Worker;

namespace Frugal.Functions;

internal sealed class PollBillingFunction
{
    [Function("PollBilling")]
    public Task RunAsync([TimerTrigger("%FrugalPollBillingSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        return Task.CompletedTask;
    }
}
