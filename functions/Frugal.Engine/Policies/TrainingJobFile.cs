using Frugal.Engine.Policies.Loading;
using Frugal.Engine.Training;

namespace Frugal.Engine.Policies;

/// <summary>
/// Reads one training job from YAML or JSON text (JSON is YAML): a file given to <c>frugal train submit</c> or a
/// body posted to <c>/api/training-jobs</c>, with the keys of an item of the policy's <c>training.jobs</c>. Every
/// problem comes back at once with its line and column.
/// </summary>
public static class TrainingJobFile
{
    public static TrainingJobLoadResult Parse(string text, string file, Money.CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new PolicyErrors(file);
        var root = PolicyTextScreen.IsPlausibleYaml(text, errors) ? PolicyTreeReader.Read(text, errors) : null;
        if (root is null or PolicyScalar { IsNull: true })
        {
            if (errors.Count == 0)
            {
                errors.Add(1, 1, "the job is empty; it needs at least name, machineType, zones, checkpointUri and "
                    + "maxRunTime");
            }

            return new TrainingJobLoadResult(null, errors.InFileOrder());
        }

        var spec = TrainingJobReader.Read(root, currency, errors);
        return new TrainingJobLoadResult(errors.Count == 0 ? spec : null, errors.InFileOrder());
    }
}

/// <summary>The job when nothing is wrong, otherwise every problem found, in file order.</summary>
public sealed record TrainingJobLoadResult(TrainingJobSpec? Spec, IReadOnlyList<PolicyDiagnostic> Diagnostics)
{
    /// <summary>The job, or a <see cref="FrugalInputException"/> with one diagnostic per line.</summary>
    public TrainingJobSpec EnsureValid() =>
        Spec ?? throw new FrugalInputException(string.Join(Environment.NewLine, Diagnostics));
}
