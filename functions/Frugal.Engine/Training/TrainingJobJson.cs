using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Engine.Money;

namespace Frugal.Engine.Training;

/// <summary>
/// The one JSON form of a stored job, shared by every <see cref="ITrainingJobStore"/> (SQLite, Table Storage) and
/// by machine output; money is written as amount and currency.
/// </summary>
public static class TrainingJobJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Write(TrainingJob job) => JsonSerializer.Serialize(job, Options);

    public static TrainingJob Read(string json) =>
        JsonSerializer.Deserialize<TrainingJob>(json, Options)
            ?? throw new JsonException("a stored training job is null");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new MoneyConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class MoneyConverter : JsonConverter<Money.Money>
    {
        public override Money.Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (amount, currency) = (0m, (string?)null);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "amount")
                {
                    amount = reader.GetDecimal();
                }
                else if (name == "currency")
                {
                    currency = reader.GetString();
                }
            }

            return new Money.Money(amount, CurrencyCode.Parse(currency ?? string.Empty));
        }

        public override void Write(Utf8JsonWriter writer, Money.Money value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("amount", value.Amount);
            writer.WriteString("currency", value.Currency.Code);
            writer.WriteEndObject();
        }
    }
}
