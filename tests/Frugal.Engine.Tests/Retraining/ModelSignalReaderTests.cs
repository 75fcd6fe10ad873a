using System.Text;
using Frugal.Engine.Retraining;

namespace Frugal.Engine.Tests.Retraining;

public sealed class ModelSignalReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_OneSignal_TakesItsFieldsAndCanonicalKind()
    {
        var signals = Read("""
            {"kind": "AUC", "value": 0.81, "observedAt": "2026-12-04T09:30:00Z", "source": "evidently",
             "deliveryId": "run-17"}
            """);

        var signal = Assert.Single(signals);
        Assert.Equal(new ModelSignal("churn", "auc", 0.81m, Now.AddMinutes(-30), "evidently", "run-17"), signal);
    }

    [Fact]
    public void Read_Batch_DefaultsObservedAtSourceAndAContentDeliveryId()
    {
        var signals = Read("""[{"kind": "drift", "value": 0.4}, {"kind": "dataRows", "value": 120000}]""");

        Assert.Equal(["drift", "dataRows"], signals.Select(s => s.Kind));
        Assert.All(signals, s => Assert.Equal((Now, "api"), (s.ObservedAt, s.Source)));
        Assert.StartsWith("content:", signals[0].DeliveryId, StringComparison.Ordinal);
        Assert.Equal(signals[0].DeliveryId, Read("""{"kind": "drift", "value": 0.4}""")[0].DeliveryId);
    }

    [Theory]
    [InlineData("""{"value": 0.4}""", "signal.kind: required")]
    [InlineData("""{"kind": "drift"}""", "signal.value: required")]
    [InlineData("""{"kind": "drift", "value": "high"}""", "signal.value: must be a number")]
    [InlineData("""{"kind": "drift", "value": -0.1}""", "signal.value: a drift score is zero or more")]
    [InlineData("""{"kind": "dataRows", "value": 1.5}""", "signal.value: dataRows must be a whole number")]
    [InlineData("""{"kind": "Area Under", "value": 1}""", "signal.kind: 'Area Under' is not drift")]
    [InlineData("""{"kind": "drift", "value": 1, "score": 2}""", "signal.score: unknown field")]
    [InlineData("""{"kind": "drift", "value": 1, "observedAt": "2026-12-04 09:00"}""", "signal.observedAt:")]
    [InlineData("""{"kind": "drift", "value": 1, "observedAt": "2026-12-05T09:00:00Z"}""", "is in the future")]
    [InlineData("""[{"kind": "drift", "value": 1}, {"kind": "auc"}]""", "signals[1].value: required")]
    [InlineData("""[]""", "signals: a batch holds 1 to 100 signals; got 0")]
    [InlineData("""{"kind": "drift", "value": 1, "source": ""}""", "signal.source: must be 1 to 200")]
    [InlineData("""not json""", "body: not JSON")]
    public void Read_BadSignal_NamesTheField(string body, string message)
    {
        var error = Assert.Throws<FrugalInputException>(() => Read(body));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadModelName_IsRefused()
    {
        var error = Assert.Throws<FrugalInputException>(
            () => ModelSignalReader.Read(Encoding.UTF8.GetBytes("""{"kind":"drift","value":1}"""), "a b", Now));

        Assert.StartsWith("model: 'a b' is not a model name", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<ModelSignal> Read(string json) =>
        ModelSignalReader.Read(Encoding.UTF8.GetBytes(json), "churn", Now);
}
