using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class ThresholdValidationTests
{
    // Line 6 of each policy is the first threshold's line, "      - " + the text under test.
    private static string Threshold(string threshold) => $"""
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds:
              - {threshold}
        """;

    [Theory]
    [InlineData("{ at: 0, actions: [holdTraining] }", 15, "'at' must be greater than 0 and at most 10")]
    [InlineData("{ at: -0.5, actions: [holdTraining] }", 15, "got -0.5")]
    [InlineData("{ at: 10.01, actions: [holdTraining] }", 15, "got 10.01")]
    [InlineData("{ at: 90, actions: [holdTraining] }", 15, "(a fraction of the amount: 0.9 is 90 %), got 90")]
    [InlineData("{ at: 90%, actions: [holdTraining] }", 15, "not a percentage: write 0.9 for 90%")]
    [InlineData("{ at: half, actions: [holdTraining] }", 15, "'at' must be a number, got 'half'")]
    [InlineData("{ at: 1, on: forcast, actions: [holdTraining] }", 22,
        "'on' must be one of actual, forecast; got 'forcast'; did you mean 'forecast'?")]
    [InlineData("{ at: 1, actions: [] }", 27, "a threshold needs at least one action")]
    [InlineData("{ at: 1 }", 9, "a threshold is missing 'actions'")]
    [InlineData("{ actions: [holdTraining] }", 9, "a threshold is missing 'at'")]
    public void Parse_BadThreshold_ReportedAtItsPlace(string threshold, int column, string message)
    {
        PolicyAssert.SingleError(Threshold(threshold), 6, column, message);
    }

    [Fact]
    public void Parse_MisspeltActionsKey_ReportsTheTypoAndTheMissingKey()
    {
        var result = PolicyAssert.Parse(Threshold("{ at: 1, action: [holdTraining] }"));

        Assert.Equal(
            [
                "policy.yaml:6:9: a threshold is missing 'actions'",
                "policy.yaml:6:18: unknown key 'action'; did you mean 'actions'?",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("0.0001")]
    [InlineData("10")]
    [InlineData("1.2")]
    public void Parse_FractionInRange_Accepted(string fraction)
    {
        var policy = PolicyAssert.Valid(Threshold($"{{ at: {fraction}, actions: [holdTraining] }}"));

        Assert.Equal(decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture),
            policy.Budgets[0].Thresholds[0].Fraction);
    }

    [Fact]
    public void Parse_SameFractionAndBasisTwice_Refused()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - { at: 0.9, on: forecast, actions: [holdTraining] }
                  - { at: 0.90, on: forecast, actions: [holdTraining] }
            """;

        PolicyAssert.SingleError(yaml, 7, 9, "duplicate threshold 'forecast@0.9' (first at line 6)");
    }

    [Fact]
    public void Parse_SameFractionOnActualAndForecast_KeepsBothInWrittenOrder()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - { at: 0.9, on: forecast, actions: [holdTraining] }
                  - { at: 0.9, on: actual, actions: [holdTraining] }
            """;

        var thresholds = PolicyAssert.Valid(yaml).Budgets[0].Thresholds;

        Assert.Equal(["forecast@0.9", "actual@0.9"], thresholds.Select(t => t.Id));
        Assert.Equal([SpendBasis.Forecast, SpendBasis.Actual], thresholds.Select(t => t.Basis));
    }

    [Fact]
    public void Parse_EmptyThresholdList_Refused()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds: []
            """;

        PolicyAssert.SingleError(yaml, 5, 17, "a budget needs at least one threshold");
    }
}
