using System.Collections.Concurrent;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>Scripts Cloud Billing's project billing on a stand-in: projects keep the account they are given.</summary>
internal sealed class FakeCloudBilling
{
    private readonly ConcurrentDictionary<string, string> _accounts = new(StringComparer.Ordinal);

    public FakeCloudBilling(GoogleApiStandIn standIn)
    {
        standIn.On("cloudbilling.projects.getBillingInfo", call => StandInReply.Ok(Info(Project(call))));
        standIn.On("cloudbilling.projects.updateBillingInfo", call =>
        {
            var project = Project(call);
            var account = call.Body!.Value.TryGetProperty("billingAccountName", out var a) ? a.GetString() ?? "" : "";
            _accounts[project] = account;
            return StandInReply.Ok(Info(project));
        });
    }

    public FakeCloudBilling With(string project, string account)
    {
        _accounts[project] = account;
        return this;
    }

    public string AccountOf(string project) => _accounts.GetValueOrDefault(project, string.Empty);

    private static string Project(StandInCall call) => call.PathParameters["name"]["projects/".Length..];

    private object Info(string project)
    {
        var account = AccountOf(project);
        return new
        {
            name = $"projects/{project}/billingInfo",
            projectId = project,
            billingAccountName = account,
            billingEnabled = account.Length > 0,
        };
    }
}
