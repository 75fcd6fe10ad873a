using Frugal.Engine.Money;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads one budget: name, amount and currency, period, time zone, metric, scope and thresholds.</summary>
internal static class BudgetReader
{
    private static readonly string[] Keys =
        ["name", "amount", "currency", "period", "timeZone", "metric", "scope", "thresholds", "external"];

    private static readonly Dictionary<string, BudgetPeriodKind> Periods = new(StringComparer.Ordinal)
    {
        ["month"] = BudgetPeriodKind.Month,
        ["week"] = BudgetPeriodKind.Week,
        ["day"] = BudgetPeriodKind.Day,
    };

    private static readonly Dictionary<string, CostMetric> Metrics = new(StringComparer.Ordinal)
    {
        ["BilledCost"] = CostMetric.BilledCost,
        ["EffectiveCost"] = CostMetric.EffectiveCost,
    };

    /// <summary>The budget, or null when a part it cannot exist without is missing or wrong.</summary>
    public static BudgetPolicy? Read(PolicyNode item, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "budgets", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var name = ReadName(fields);
        var owner = name is null ? "a budget" : $"budget '{name}'";
        var amount = ReadAmount(fields, owner);
        var currency = ReadCurrency(fields, owner);
        var period = fields.Choice("period", Periods) ?? BudgetPeriodKind.Month;
        var timeZone = ReadTimeZone(fields);
        var metric = fields.Choice("metric", Metrics) ?? CostMetric.BilledCost;
        var scope = ScopeReader.Read(fields.Value("scope"), context);
        var thresholds = ThresholdsReader.Read(fields.Required("thresholds", owner), scope, context);
        var external = CloudBudgetLinksReader.Read(fields.Value("external"), context);

        return name is null || amount is null || currency is null
            ? null
            : new BudgetPolicy
            {
                Name = name,
                Amount = new Money.Money(amount.Value, currency.Value),
                Period = period,
                TimeZone = timeZone,
                Metric = metric,
                Scope = scope,
                Thresholds = thresholds,
                External = external,
            };
    }

    private static string? ReadName(MappingFields fields)
    {
        var node = fields.Required("name", "a budget");
        var name = node is null ? null : PolicyValues.Text(node, "name", fields.Errors);
        if (name is not null && !PolicyNames.IsValid(name))
        {
            fields.Errors.Add(node!, $"budget name '{name}' {PolicyNames.Rule}");
            return null;
        }

        return name;
    }

    private static decimal? ReadAmount(MappingFields fields, string owner)
    {
        var node = fields.Required("amount", owner);
        var amount = node is null ? null : PolicyValues.Number(node, "amount", fields.Errors);
        if (amount <= 0m)
        {
            fields.Errors.Add(node!, $"'amount' must be greater than 0, got {((PolicyScalar)node!).Value}");
            return null;
        }

        return amount;
    }

    private static CurrencyCode? ReadCurrency(MappingFields fields, string owner)
    {
        var node = fields.Required("currency", owner);
        var text = node is null ? null : PolicyValues.Text(node, "currency", fields.Errors);
        if (text is null)
        {
            return null;
        }

        if (CurrencyCode.TryParse(text, out var currency))
        {
            return currency;
        }

        fields.Errors.Add(node!, $"unknown currency '{text}'; use an ISO 4217 code such as USD, EUR or GBP");
        return null;
    }

    private static string ReadTimeZone(MappingFields fields)
    {
        const string Default = "Etc/UTC";
        var text = fields.Text("timeZone");
        if (text is null)
        {
            return Default;
        }

        if (TimeZoneRule.Resolve(text, out var problem) is { } ianaId)
        {
            return ianaId;
        }

        fields.Errors.Add(fields.Value("timeZone")!, problem);
        return Default;
    }
}
