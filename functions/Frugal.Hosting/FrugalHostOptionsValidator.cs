using Frugal.Engine.State;
using Frugal.Hosting.State;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting;

/// <summary>Checks host settings at start-up and names every key that is wrong, all at once.</summary>
internal sealed class FrugalHostOptionsValidator(IEnumerable<IStateSource> sources)
    : IValidateOptions<FrugalHostOptions>
{
    public ValidateOptionsResult Validate(string? name, FrugalHostOptions options)
    {
        var errors = new List<string>();
        var key = $"{FrugalHostOptions.Section}:{nameof(FrugalHostOptions.PolicyPath)}";
        if (string.IsNullOrWhiteSpace(options.PolicyPath))
        {
            errors.Add($"{key} is required: the path of the policy YAML file");
        }
        else if (!File.Exists(options.PolicyPath))
        {
            errors.Add($"{key}: no policy file at '{Path.GetFullPath(options.PolicyPath)}'");
        }

        for (var i = 0; i < options.FocusPaths.Count; i++)
        {
            var path = options.FocusPaths[i];
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                errors.Add($"{FrugalHostOptions.Section}:{nameof(FrugalHostOptions.FocusPaths)}:{i}: " +
                    $"no file or folder at '{Path.GetFullPath(path)}'");
            }
        }

        errors.AddRange(FrugalStateOptionsRules.Check(options.State, sources));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
