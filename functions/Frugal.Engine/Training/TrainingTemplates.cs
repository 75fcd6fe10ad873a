using System.Security.Cryptography;
using System.Text;

namespace Frugal.Engine.Training;

/// <summary>
/// Runs of training job templates: finding the template a retraining rule or a chain names, the run's id (derived
/// from what asked for the run, so asking twice names the same job and the queue adds it once), and the job itself.
/// </summary>
public static class TrainingTemplates
{
    /// <summary>Longest template name kept in a run's id; the rest is <c>-</c> and eight hex digits.</summary>
    private const int StemLength = 31;

    /// <summary>The template of that name, else a job of the policy of that name; null when neither exists.</summary>
    public static TrainingJobSpec? Find(TrainingPolicy training, string name)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training.Templates.FirstOrDefault(t => t.Name == name)
            ?? training.Jobs.FirstOrDefault(j => j.Name == name);
    }

    /// <summary>The names <see cref="Find"/> knows, for telling someone what they could have meant.</summary>
    public static IReadOnlyList<string> Names(TrainingPolicy training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return [.. training.Templates.Select(t => t.Name), .. training.Jobs.Select(j => j.Name)];
    }

    /// <summary>
    /// <c>{template}-{8 hex digits of SHA-256 of the key}</c>: at most 40 characters, a valid job name, and the same
    /// for the same key, in every process.
    /// </summary>
    public static string RunId(string template, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var stem = template.Length > StemLength ? template[..StemLength].TrimEnd('-') : template;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
        return $"{stem}-{hash}";
    }

    /// <summary>
    /// The template as a job of its own: its id, its own checkpoint folder under the template's (so a run never
    /// reads an earlier run's outcome marker), and the budget it is charged to when the caller names one.
    /// </summary>
    public static TrainingJobSpec Instantiate(TrainingJobSpec template, string id, string? budget)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var folder = template.CheckpointUri.AbsoluteUri.TrimEnd('/');
        return template with
        {
            Name = id,
            CheckpointUri = new Uri($"{folder}/{id}"),
            Budget = budget ?? template.Budget,
        };
    }
}
