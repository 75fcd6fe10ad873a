using System.CommandLine;
using Frugal.Engine;
using Frugal.Engine.Billing;
using Frugal.Engine.Policies;
using Frugal.Google;
using Frugal.Hosting;
using Frugal.State.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal billing status|detach|attach</c>: the billing kill switch by hand. Detaching stops the project's paid
/// resources (some may be deleted), so <c>detach</c> wants the project repeated under <c>--confirm</c>; the account
/// it had is recorded in state, and <c>attach</c> restores it. Exit codes: 0 done, 1 Google refused, 2 bad input.
/// </summary>
internal static class BillingCommand
{
    public static Command Create()
    {
        return new Command("billing", "See, detach or re-attach a Google Cloud project's billing (the kill switch).")
        {
            Status(), Detach(), Attach(),
        };
    }

    private static Command Status()
    {
        var options = new BillingOptions();
        var command = options.AddTo(new Command("status", "Show which billing account pays for a project."));
        command.SetAction((parse, ct) => options.RunAsync(parse, async (lever, project, output) =>
        {
            var state = await lever.StatusAsync(project, ct).ConfigureAwait(false);
            await output.WriteLineAsync(state.IsDetached
                ? $"{project}: billing detached"
                : $"{project}: billed to {state.BillingAccountName}").ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command Detach()
    {
        var options = new BillingOptions();
        var confirm = new Option<string>("--confirm")
        {
            Description = "The project id again: detaching stops its paid resources and some may be deleted.",
            Required = true,
        };
        var command = options.AddTo(new Command("detach", "Detach billing from a project, recording its account."));
        command.Options.Add(confirm);
        command.SetAction((parse, ct) => options.RunAsync(parse, async (lever, project, output) =>
        {
            if (!string.Equals(parse.GetRequiredValue(confirm), project, StringComparison.Ordinal))
            {
                throw new FrugalInputException(
                    $"--confirm must repeat the project id exactly ({project}); nothing was changed");
            }

            var result = await lever.DetachAsync(project, "detached by hand with frugal billing detach", ct)
                .ConfigureAwait(false);
            await output.WriteLineAsync(result.Detail).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command Attach()
    {
        var options = new BillingOptions();
        var account = new Option<string?>("--billing-account")
        {
            Description = "The account to attach (billingAccounts/XXXXXX-XXXXXX-XXXXXX); default: the recorded one.",
        };
        var command = options.AddTo(new Command("attach", "Attach billing again, to the account recorded at detach."));
        command.Options.Add(account);
        command.SetAction((parse, ct) => options.RunAsync(parse, async (lever, project, output) =>
        {
            var result = await lever.AttachAsync(project, parse.GetValue(account), ct).ConfigureAwait(false);
            await output.WriteLineAsync(result.Detail).ConfigureAwait(false);
        }, ct));
        return command;
    }

    /// <summary>The options every billing command shares, and how they become a lever.</summary>
    private sealed class BillingOptions
    {
        private readonly Option<string> _project = new("--project")
        {
            Description = "The project id.",
            Required = true,
        };

        private readonly Option<string?> _policy = new("--policy")
        {
            Description = "The policy, to find its state file.",
        };

        private readonly Option<string?> _state = CommonOptions.State();
        private readonly Option<string?> _credentials = new("--credentials")
        {
            Description = "A service-account key or workload identity federation file; default: application default.",
        };
        private readonly Option<string?> _endpoint = new("--cloud-billing-endpoint")
        {
            Description = "The Cloud Billing API's address, for private endpoints (default: Google's).",
        };

        public Command AddTo(Command command)
        {
            foreach (var option in new Option[] { _project, _policy, _state, _credentials, _endpoint })
            {
                command.Options.Add(option);
            }

            return command;
        }

        public async Task<int> RunAsync(
            ParseResult parse, Func<ProjectBillingLever, string, TextWriter, Task> act, CancellationToken ct)
        {
            var output = parse.InvocationConfiguration.Output;
            await using var services = Services(parse, parse.InvocationConfiguration.Error);
            var lever = new ProjectBillingLever(
                services.GetRequiredService<IProjectBillingProvider>(),
                SqliteStateStore.Open(StatePath(parse.GetValue(_policy), parse.GetValue(_state))),
                TimeProvider.System,
                services.GetRequiredService<ILogger<ProjectBillingLever>>());
            try
            {
                await act(lever, parse.GetRequiredValue(_project), output).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (GoogleApiException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"frugal: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.ActionFailed;
            }
        }

        private ServiceProvider Services(ParseResult parse, TextWriter stderr)
        {
            var google = new GoogleCloudOptions { Enabled = true, CredentialFile = parse.GetValue(_credentials) };
            if (parse.GetValue(_endpoint) is { } endpoint)
            {
                google.CloudBillingEndpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                    ? uri
                    : throw new FrugalInputException($"--cloud-billing-endpoint: '{endpoint}' is not an absolute URL");
            }

            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(new Output.TextWriterLoggerProvider(stderr)));
            services.AddFrugalGoogle(google);
            return services.BuildServiceProvider();
        }

        private static string StatePath(string? policyPath, string? statePath)
        {
            if (!string.IsNullOrWhiteSpace(statePath))
            {
                return Path.GetFullPath(statePath);
            }

            if (string.IsNullOrWhiteSpace(policyPath))
            {
                throw new FrugalInputException(
                    "billing needs --policy FILE or --state FILE (where detached accounts are kept)");
            }

            return BudgetJob.StatePath(new BudgetJobRequest(policyPath), PolicyLoader.LoadValid(policyPath));
        }
    }
}
