using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Frugal.Engine.Insights;

/// <summary>
/// Writes an <see cref="InsightReport"/> as JSON, in the shape docs/insights.md documents. Amounts are strings with
/// every digit (JSON numbers lose decimals in many readers); shares are numbers between 0 and 1.
/// </summary>
public static class InsightReportJson
{
    public static string Write(InsightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            WritePeriod(json, "period", report.Period);
            WritePeriod(json, "previousPeriod", report.Period.Previous);
            json.WriteString("metric", report.Metric.ToString());
            json.WriteString("currency", report.Currency.Code);
            json.WriteString("total", Amount(report.Total.Amount));
            json.WriteString("previousTotal", Amount(report.PreviousTotal.Amount));
            WriteOtherCurrencies(json, report);
            WriteBreakdowns(json, report);
            WriteMovers(json, report);
            WriteUntagged(json, report.Untagged);
            WriteInference(json, report.Inference);
            WriteRecommendations(json, report.Recommendations);
            WriteDaily(json, report.Daily);
            json.WriteStartArray("notes");
            report.Notes.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WritePeriod(Utf8JsonWriter json, string name, InsightPeriod period)
    {
        json.WriteStartObject(name);
        json.WriteString("from", period.From.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("to", period.To.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("days", period.Days);
        json.WriteEndObject();
    }

    private static void WriteOtherCurrencies(Utf8JsonWriter json, InsightReport report)
    {
        json.WriteStartArray("otherCurrencies");
        foreach (var money in report.OtherCurrencies)
        {
            json.WriteStartObject();
            json.WriteString("currency", money.Currency.Code);
            json.WriteString("total", Amount(money.Amount));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteBreakdowns(Utf8JsonWriter json, InsightReport report)
    {
        json.WriteStartArray("breakdowns");
        foreach (var breakdown in report.Breakdowns)
        {
            json.WriteStartObject();
            json.WriteString("by", breakdown.By);
            json.WriteNumber("distinct", breakdown.Distinct);
            json.WriteString("howComputed", breakdown.HowComputed);
            WriteShares(json, "top", breakdown.Top);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteShares(Utf8JsonWriter json, string name, IEnumerable<SpendShare> shares)
    {
        json.WriteStartArray(name);
        foreach (var share in shares)
        {
            json.WriteStartObject();
            json.WriteString("key", share.Key);
            json.WriteString("cost", Amount(share.Cost.Amount));
            json.WriteNumber("share", Share(share.Share));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMovers(Utf8JsonWriter json, InsightReport report)
    {
        json.WriteStartArray("movers");
        foreach (var mover in report.Movers)
        {
            json.WriteStartObject();
            json.WriteString("key", mover.Key);
            json.WriteString("previous", Amount(mover.Previous.Amount));
            json.WriteString("current", Amount(mover.Current.Amount));
            json.WriteString("change", Amount(mover.Change.Amount));
            if (mover.Relative is { } relative)
            {
                json.WriteNumber("relative", Share(relative));
            }
            else
            {
                json.WriteNull("relative");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteUntagged(Utf8JsonWriter json, UntaggedSpend untagged)
    {
        json.WriteStartObject("untagged");
        json.WriteString("tag", untagged.Tag);
        json.WriteString("cost", Amount(untagged.Cost.Amount));
        json.WriteNumber("share", Share(untagged.Share));
        json.WriteString("credits", Amount(untagged.Credits.Amount));
        WriteShares(json, "top", untagged.Top);
        json.WriteEndObject();
    }

    private static void WriteInference(Utf8JsonWriter json, InferenceCosts inference)
    {
        json.WriteStartObject("inference");
        json.WriteBoolean("reported", inference.Reported);
        json.WriteString("note", inference.Note);
        json.WriteStartArray("models");
        foreach (var model in inference.Models)
        {
            json.WriteStartObject();
            json.WriteString("model", model.Model);
            json.WriteString("version", model.Version);
            json.WriteNumber("predictions", model.Predictions);
            json.WriteString("currency", model.Cost.Currency.Code);
            json.WriteString("cost", Amount(model.Cost.Amount));
            json.WriteString("costPerThousand", model.PerThousand is { } per ? Amount(per.Amount) : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRecommendations(Utf8JsonWriter json, IReadOnlyList<Recommendation> recommendations)
    {
        json.WriteStartArray("recommendations");
        foreach (var r in recommendations)
        {
            json.WriteStartObject();
            json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(r.Kind.ToString()));
            json.WriteString("title", r.Title);
            json.WriteString("currency", r.MonthlySaving.Currency.Code);
            json.WriteString("monthlySaving", Amount(decimal.Round(r.MonthlySaving.Amount, 6)));
            json.WriteStartArray("evidence");
            r.Evidence.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteString("howComputed", r.HowComputed);
            json.WriteString("adopt", r.Adopt);
            json.WriteString("policySnippet", r.PolicySnippet);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteDaily(Utf8JsonWriter json, IReadOnlyList<DailyTotal> daily)
    {
        json.WriteStartArray("daily");
        foreach (var day in daily)
        {
            json.WriteStartObject();
            json.WriteString("day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("current", Amount(day.Current));
            json.WriteString("previous", Amount(day.Previous));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal Share(decimal share) => decimal.Round(share, 4);
}
