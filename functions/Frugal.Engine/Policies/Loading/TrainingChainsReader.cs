using Frugal.Engine.Training;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Checks the <c>onSuccess: {trainingJob: ...}</c> chains of <c>training.jobs</c> and <c>training.templates</c>:
/// each names a template, and following them from any template never comes back to it (a loop would train forever).
/// </summary>
internal static class TrainingChainsReader
{
    public static void Check(
        PolicyNode? jobsNode, PolicyNode? templatesNode, IReadOnlyList<TrainingJobSpec> templates, PolicyErrors errors)
    {
        // Names as written, so a template with problems of its own is still one a chain may name.
        var names = templatesNode is PolicySequence sequence
            ? sequence.Items.OfType<PolicyMapping>().Select(m => m.Find("name")).OfType<PolicyScalar>()
                .Select(s => s.Value.Trim()).ToList()
            : [];
        foreach (var (name, at, _) in References(jobsNode).Concat(References(templatesNode)))
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(at, $"onSuccess.trainingJob: names no template under 'training.templates': '{name}'"
                    + (names.Count == 0 ? "; there are none" : $"; known: {string.Join(", ", names)}")
                    + NearestName.Hint(name, names));
            }
        }

        foreach (var template in templates.Where(t => t.OnSuccess?.TrainingJob is not null))
        {
            var at = References(templatesNode).Where(r => r.Owner == template.Name).Select(r => r.At).FirstOrDefault();
            if (at is not null && LoopsBack(templates, template) is { } loop)
            {
                errors.Add(at, $"onSuccess.trainingJob: the chain {loop} comes back to where it started");
            }
        }
    }

    /// <summary>The chain followed from <paramref name="start"/>, when it comes back to it; else null.</summary>
    private static string? LoopsBack(IReadOnlyList<TrainingJobSpec> templates, TrainingJobSpec start)
    {
        var path = new List<string> { start.Name };
        var next = start.OnSuccess?.TrainingJob;
        while (next is not null && !path.Skip(1).Contains(next, StringComparer.Ordinal))
        {
            path.Add(next);
            if (next == start.Name)
            {
                return string.Join(" -> ", path);
            }

            next = templates.FirstOrDefault(t => t.Name == next)?.OnSuccess?.TrainingJob;
        }

        return null;
    }

    /// <summary>Each <c>onSuccess.trainingJob</c> in a list: the name it gives, where, and whose it is.</summary>
    private static IEnumerable<(string Name, PolicyScalar At, string? Owner)> References(PolicyNode? list) =>
        list is PolicySequence sequence
            ? from job in sequence.Items.OfType<PolicyMapping>()
              let chain = job.Find("onSuccess") as PolicyMapping
              let reference = chain?.Find("trainingJob") as PolicyScalar
              where reference is not null
              select (reference.Value.Trim(), reference, (job.Find("name") as PolicyScalar)?.Value.Trim())
            : [];
}
