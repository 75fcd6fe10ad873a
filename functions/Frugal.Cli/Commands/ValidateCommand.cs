using System.CommandLine;
using System.Globalization;
using Frugal.Engine.Policies;

namespace Frugal.Cli.Commands;

/// <summary><c>frugal validate --policy FILE</c>: checks a policy and lists every problem as FILE:LINE:COL.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy")
        {
            Description = "The policy file (YAML) to check.",
            Required = true,
        };
        var command = new Command("validate", "Check a policy file and report every problem in it.") { policy };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(policy),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string policyPath, TextWriter stdout, TextWriter stderr)
    {
        var result = PolicyLoader.Load(policyPath);
        if (!result.IsValid)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                stderr.WriteLine(diagnostic);
            }

            return ExitCodes.BadInput;
        }

        stdout.WriteLine(Summary(policyPath, result.Policy));
        return ExitCodes.Success;
    }

    private static string Summary(string policyPath, FrugalPolicy policy)
    {
        var thresholds = policy.Budgets.Sum(b => b.Thresholds.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"{policyPath}: OK, {Count(policy.Budgets.Count, "budget")}, {Count(thresholds, "threshold")}, "
            + $"{Count(policy.Channels.Count, "channel")}");
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
