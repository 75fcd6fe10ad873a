namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The rules a job request must meet before it is recorded: the worker's own (so nothing is enqueued that the
/// worker would fail at once) and the control plane's (a budget of the policy to charge it to).
/// </summary>
public static class GpuJobRules
{
    public const int MaxIdLength = 128;
    public const int MaxLocationLength = 2048;

    private static readonly string[] FieldOrder =
        ["id", "kind", "model", "version", "input", "output", "priority", "precision", "budget"];

    /// <summary>Checks every field and reports all that are wrong, not just the first.</summary>
    public static GpuJobCheck Check(GpuJobDraft draft, IReadOnlyCollection<string> budgets)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(budgets);
        var errors = new List<GpuJobFieldError>();
        var kind = KindOf(draft.Kind, errors);
        var priority = PriorityOf(draft.Priority, errors);
        CheckId(draft.Id, errors);
        CheckModel(draft.Model, errors);
        CheckVersion(draft.Version, errors);
        CheckLocations(draft, kind, errors);
        CheckPrecision(draft.Precision, kind, errors);
        CheckBudget(draft.Budget, budgets, errors);
        if (errors.Count > 0)
        {
            return new GpuJobCheck(null, [.. errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Field))]);
        }

        var request = new GpuJobRequest(draft.Id!, kind!.Value, draft.Model!, Blank(draft.Version),
            Blank(draft.Input), Blank(draft.Output), priority!.Value, Blank(draft.Precision)?.ToLowerInvariant(),
            draft.Budget!);
        return new GpuJobCheck(request, []);
    }

    /// <summary>The worker's rule for ids and model names: letters, digits, '-', '_' and '.'.</summary>
    public static bool IsName(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxIdLength
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static GpuJobKind? KindOf(string? kind, List<GpuJobFieldError> errors)
    {
        switch (kind)
        {
            case "infer":
                return GpuJobKind.Infer;
            case "quantize":
                return GpuJobKind.Quantize;
            default:
                errors.Add(new("kind", kind is null ? "is required ('infer' or 'quantize')"
                    : $"'{kind}' is not 'infer' or 'quantize'"));
                return null;
        }
    }

    private static GpuJobPriority? PriorityOf(string? priority, List<GpuJobFieldError> errors)
    {
        switch (priority)
        {
            case null or "normal":
                return GpuJobPriority.Normal;
            case "high":
                return GpuJobPriority.High;
            default:
                errors.Add(new("priority", $"'{priority}' is not 'normal' or 'high'"));
                return null;
        }
    }

    private static void CheckId(string? id, List<GpuJobFieldError> errors)
    {
        if (!IsName(id))
        {
            errors.Add(new("id", id is null ? "is required"
                : $"'{id}' must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.'"));
        }
    }

    private static void CheckModel(string? model, List<GpuJobFieldError> errors)
    {
        if (!IsName(model) || model![0] == '.')
        {
            errors.Add(new("model", model is null ? "is required"
                : $"'{model}' is not a model name (letters, digits, '-', '_', '.'; not starting with '.')"));
        }
    }

    private static void CheckVersion(string? version, List<GpuJobFieldError> errors)
    {
        if (string.IsNullOrEmpty(version))
        {
            return;
        }

        var whole = version.Length <= 18 && version.All(char.IsAsciiDigit) && (version == "0" || version[0] != '0');
        if (!whole)
        {
            errors.Add(new("version",
                $"'{version}' is not a version number (a whole number, or absent for the latest)"));
        }
    }

    private static void CheckLocations(GpuJobDraft draft, GpuJobKind? kind, List<GpuJobFieldError> errors)
    {
        if (kind == GpuJobKind.Infer && string.IsNullOrWhiteSpace(draft.Input))
        {
            errors.Add(new("input", "is required for an infer job (a blob URL or a file path)"));
        }

        foreach (var (field, value) in new[] { ("input", draft.Input), ("output", draft.Output) })
        {
            if (value is { Length: > MaxLocationLength })
            {
                errors.Add(new(field, $"is longer than {MaxLocationLength} characters"));
            }
        }
    }

    private static void CheckPrecision(string? precision, GpuJobKind? kind, List<GpuJobFieldError> errors)
    {
        if (string.IsNullOrEmpty(precision))
        {
            return;
        }

        if (kind == GpuJobKind.Infer)
        {
            errors.Add(new("precision", "applies to quantize jobs only"));
        }
        else if (precision.ToLowerInvariant() is not ("int8" or "fp16"))
        {
            errors.Add(new("precision", $"'{precision}' is not 'int8' or 'fp16'"));
        }
    }

    private static void CheckBudget(string? budget, IReadOnlyCollection<string> budgets, List<GpuJobFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(budget))
        {
            errors.Add(new("budget", "is required: the policy budget the job is charged to"));
        }
        else if (!budgets.Contains(budget, StringComparer.Ordinal))
        {
            var known = budgets.Count == 0 ? "the policy has none" : $"known: {string.Join(", ", budgets)}";
            errors.Add(new("budget", $"'{budget}' is not a budget of the policy ({known})"));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
