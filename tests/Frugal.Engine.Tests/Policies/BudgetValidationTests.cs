using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class BudgetValidationTests
{
    // Line 3 of each policy is the line a test varies; amount and currency get valid values unless it sets them.
    private static string Budget(string line)
    {
        var lines = new List<string> { "budgets:", "  - name: ml", "    " + line };
        if (!line.StartsWith("amount:", StringComparison.Ordinal))
        {
            lines.Add("    amount: 100");
        }

        if (!line.StartsWith("currency:", StringComparison.Ordinal))
        {
            lines.Add("    currency: USD");
        }

        lines.Add("    thresholds: [{ at: 1.0, actions: [holdTraining] }]");
        return string.Join('\n', lines) + "\n";
    }

    [Theory]
    [InlineData("amount: -40000", 13, "'amount' must be greater than 0, got -40000")]
    [InlineData("amount: 0", 13, "'amount' must be greater than 0, got 0")]
    [InlineData("amount: forty", 13, "'amount' must be a number, got 'forty'")]
    [InlineData("amount: 40,000", 13, "'amount' must be a number, got '40,000'")]
    [InlineData("amount:", 12, "'amount' needs a value")]
    [InlineData("currency: USX", 15, "unknown currency 'USX'; use an ISO 4217 code")]
    [InlineData("currency: dollars", 15, "unknown currency 'dollars'")]
    [InlineData("period: monthly", 13, "'period' must be one of month, week, day; got 'monthly'")]
    [InlineData("metric: ListCost", 13, "'metric' must be one of BilledCost, EffectiveCost; got 'ListCost'")]
    [InlineData("timeZone: Europe/Berln", 15, "unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?")]
    [InlineData("timeZone: Middle/Earth", 15, "unknown time zone 'Middle/Earth'")]
    [InlineData("timeZone: Pacific Standard Time", 15,
        "'Pacific Standard Time' is a Windows time zone id; IANA ids are required: write 'America/Los_Angeles'")]
    [InlineData("timeZone: W. Europe Standard Time", 15, "is a Windows time zone id")]
    [InlineData("scope: everything", 12, "'scope' must be a mapping of keys to values, got 'everything'")]
    [InlineData("amout: 100", 5, "unknown key 'amout'; did you mean 'amount'?")]
    public void Parse_BadBudgetValue_ReportedAtItsPlace(string line, int column, string message)
    {
        PolicyAssert.SingleError(Budget(line), 3, column, message);
    }

    [Theory]
    [InlineData("timeZone: UTC", "UTC")]
    [InlineData("timeZone: Etc/UTC", "Etc/UTC")]
    [InlineData("timeZone: America/New_York", "America/New_York")]
    public void Parse_IanaTimeZone_Accepted(string line, string expected)
    {
        var policy = PolicyAssert.Valid(Budget(line));

        Assert.Equal(expected, policy.Budgets[0].TimeZone);
    }

    [Fact]
    public void Parse_AmountWrittenAsQuotedTextOrWithExponent_ReadInvariantly()
    {
        var quoted = PolicyAssert.Valid(Budget("amount: \"1234.5\""));
        var exponent = PolicyAssert.Valid(Budget("amount: 4e4"));

        Assert.Equal(1234.5m, quoted.Budgets[0].Amount.Amount);
        Assert.Equal(40000m, exponent.Budgets[0].Amount.Amount);
    }

    [Fact]
    public void Parse_MissingAmountAndCurrency_ReportedAtTheBudget()
    {
        const string yaml = """
            budgets:
              - name: ml
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        var result = PolicyAssert.Parse(yaml);

        Assert.Equal(
            ["policy.yaml:2:5: budget 'ml' is missing 'amount'", "policy.yaml:2:5: budget 'ml' is missing 'currency'"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_BudgetNameUsedTwiceInAnyCase_ReportedAtTheSecondNamingTheFirstLine()
    {
        const string yaml = """
            budgets:
              - name: ml-platform
                amount: 100
                currency: USD
                thresholds: [{ at: 1, actions: [holdTraining] }]
              - name: ML-Platform
                amount: 200
                currency: USD
                thresholds: [{ at: 1, actions: [holdTraining] }]
            """;

        PolicyAssert.SingleError(yaml, 6, 11, "duplicate budget name 'ML-Platform' (first at line 2)");
    }

    [Fact]
    public void Parse_BudgetNameWithSpaces_Refused()
    {
        const string yaml = """
            budgets:
              - name: ml platform
                amount: 100
                currency: USD
                thresholds: [{ at: 1, actions: [holdTraining] }]
            """;

        PolicyAssert.SingleError(yaml, 2, 11, "budget name 'ml platform' may hold only letters, digits");
    }

    [Fact]
    public void Parse_FullBudget_ReadsEveryField()
    {
        const string yaml = """
            budgets:
              - name: gpu
                amount: 25000.50
                currency: eur
                period: week
                timeZone: Europe/Berlin
                metric: EffectiveCost
                scope:
                  providers: Google Cloud
                  billingAccounts: [0X0X0X-0X0X0X-0X0X0X]
                  subAccounts: [ml-training-prod, ml-sandbox]
                  services: [Compute Engine]
                  regions: [us-central1, europe-west4]
                  tags: { team: [ml-platform], env: }
                thresholds:
                  - at: 0.75
                    on: forecast
                    actions: [holdTraining]
            """;

        var budget = Assert.Single(PolicyAssert.Valid(yaml).Budgets);

        Assert.Equal("EUR 25,000.50", budget.Amount.ToString());
        Assert.Equal(BudgetPeriodKind.Week, budget.Period);
        Assert.Equal("Europe/Berlin", budget.TimeZone);
        Assert.Equal(CostMetric.EffectiveCost, budget.Metric);
        Assert.Equal(["Google Cloud"], budget.Scope.Providers);
        Assert.Equal(["0X0X0X-0X0X0X-0X0X0X"], budget.Scope.BillingAccounts);
        Assert.Equal(["ml-training-prod", "ml-sandbox"], budget.Scope.SubAccounts);
        Assert.Equal(["Compute Engine"], budget.Scope.Services);
        Assert.Equal(["us-central1", "europe-west4"], budget.Scope.Regions);
        Assert.Equal(["ml-platform"], budget.Scope.Tags["team"]);
        Assert.Empty(budget.Scope.Tags["env"]);
        Assert.Equal("forecast@0.75", Assert.Single(budget.Thresholds).Id);
    }

    [Fact]
    public void Parse_UnknownScopeKey_SuggestsTheDimension()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                scope:
                  subaccounts: [ml-sandbox]
                thresholds: [{ at: 1, actions: [holdTraining] }]
            """;

        PolicyAssert.SingleError(yaml, 6, 7, "unknown key 'subaccounts'; did you mean 'subAccounts'?");
    }
}
