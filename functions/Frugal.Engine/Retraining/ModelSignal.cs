using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Frugal.Engine.Retraining;

/// <summary>
/// One observation about a model: a drift score, a count of new training rows, or a quality metric, observed at a
/// time by a source (a monitoring job, a pipeline). <see cref="DeliveryId"/> makes a repeated delivery harmless.
/// </summary>
public sealed record ModelSignal(
    string Model, string Kind, decimal Value, DateTimeOffset ObservedAt, string Source, string DeliveryId)
{
    /// <summary>Longest accepted source or delivery id.</summary>
    public const int MaxTextLength = 200;

    /// <summary>How far ahead of the receiver's clock an observation may claim to be (clock skew).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A checked signal. <paramref name="field"/> prefixes every error (<c>signals[2]</c>), so a caller sees which
    /// field of which item is at fault. Without a delivery id, one is derived from the content, so a sender that
    /// repeats a whole signal (observation time included) is still counted once.
    /// </summary>
    public static ModelSignal Create(
        string model, string kind, decimal value, DateTimeOffset observedAt, string? source, string? deliveryId,
        DateTimeOffset receivedAt, string field = "signal")
    {
        CheckModel(model);
        var canonical = SignalKinds.Normalize(kind)
            ?? throw Invalid(field, "kind", $"'{kind}' is not drift, dataRows or a metric: {SignalKinds.MetricRule}");
        CheckValue(canonical, value, field);
        if (observedAt > receivedAt + FutureTolerance)
        {
            throw Invalid(field, "observedAt", $"{Stamp(observedAt)} is in the future (now {Stamp(receivedAt)})");
        }

        var from = Text(source, "source", field) ?? "api";
        var id = Text(deliveryId, "deliveryId", field) ?? ContentId(model, canonical, value, observedAt, from);
        return new ModelSignal(model, canonical, value, observedAt, from, id);
    }

    /// <summary>Checks a model name as it appears in a route or command; names follow the policy's name rule.</summary>
    public static void CheckModel(string model)
    {
        if (string.IsNullOrWhiteSpace(model) || !Policies.Loading.PolicyNames.IsValid(model))
        {
            throw new FrugalInputException(
                $"model: '{model}' is not a model name: {Policies.Loading.PolicyNames.Rule}");
        }
    }

    private static void CheckValue(string kind, decimal value, string field)
    {
        if (kind == SignalKinds.DataRows && (value < 0 || decimal.Truncate(value) != value))
        {
            throw Invalid(field, "value", $"dataRows must be a whole number of rows, zero or more; got {value}");
        }

        if (kind == SignalKinds.Drift && value < 0)
        {
            throw Invalid(field, "value", $"a drift score is zero or more; got {value}");
        }
    }

    private static string? Text(string? text, string name, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength || text.Any(char.IsControl))
        {
            throw Invalid(field, name, $"must be 1 to {MaxTextLength} printable characters");
        }

        return text.Trim();
    }

    private static string ContentId(string model, string kind, decimal value, DateTimeOffset at, string source)
    {
        var content = string.Create(CultureInfo.InvariantCulture, $"{model}\n{kind}\n{value}\n{Stamp(at)}\n{source}");
        return "content:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32];
    }

    private static FrugalInputException Invalid(string field, string name, string problem) =>
        new($"{field}.{name}: {problem}");

    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
