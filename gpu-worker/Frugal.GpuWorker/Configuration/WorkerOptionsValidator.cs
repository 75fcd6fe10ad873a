using System.ComponentModel.DataAnnotations;
using Frugal.Engine.Money;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Configuration;

/// <summary>Checks every setting at start-up and reports all faults at once, each under its key.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        Collect(options, WorkerOptions.Section, failures);
        Collect(options.Jobs, WorkerOptions.Section + ":Jobs", failures);
        if (!CurrencyCode.TryParse(options.Currency, out _))
        {
            failures.Add($"{WorkerOptions.Section}:Currency: '{options.Currency}' is not an ISO 4217 currency code");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object target, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "?";
            failures.Add($"{prefix}:{member}: {result.ErrorMessage}");
        }
    }
}
