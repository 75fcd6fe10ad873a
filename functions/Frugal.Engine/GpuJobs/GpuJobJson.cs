using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Engine.Money;

namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The one stored JSON form of a GPU job's request and result, shared by every <see cref="IGpuJobStore"/> (SQLite,
/// Table Storage); a result's money is written as amount and currency code, so it reads back exactly.
/// </summary>
public static class GpuJobJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string WriteRequest(GpuJobRequest request) => JsonSerializer.Serialize(request, Options);

    public static GpuJobRequest? ReadRequest(string json) => JsonSerializer.Deserialize<GpuJobRequest>(json, Options);

    public static string WriteResult(GpuJobResult result) =>
        JsonSerializer.Serialize(StoredResult.From(result), Options);

    public static GpuJobResult ReadResult(string id, string json)
    {
        var r = JsonSerializer.Deserialize<StoredResult>(json, Options)
            ?? throw new InvalidDataException($"GPU job {id}: the stored result is empty");
        return new GpuJobResult
        {
            Id = id, Kind = r.Kind, Succeeded = r.Succeeded, Model = r.Model, Version = r.Version,
            Output = r.Output, Report = r.Report, GpuSeconds = r.GpuSeconds, Predictions = r.Predictions,
            Cost = new Money.Money(r.Cost, CurrencyCode.Parse(r.Currency)), Provider = r.Provider,
            Attempts = r.Attempts, Duplicate = r.Duplicate, Error = r.Error,
        };
    }

    private sealed record StoredResult(
        string Kind, bool Succeeded, string Model, string? Version, string? Output, string? Report,
        decimal GpuSeconds, long Predictions, decimal Cost, string Currency, string? Provider, int Attempts,
        bool Duplicate, string? Error)
    {
        public static StoredResult From(GpuJobResult r) => new(r.Kind, r.Succeeded, r.Model, r.Version, r.Output,
            r.Report, r.GpuSeconds, r.Predictions, r.Cost.Amount, r.Cost.Currency.Code, r.Provider, r.Attempts,
            r.Duplicate, r.Error);
    }
}
