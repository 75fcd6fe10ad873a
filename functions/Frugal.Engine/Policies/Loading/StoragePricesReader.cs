using Frugal.Engine.ModelArchive;
using Frugal.Engine.Money;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a <c>prices</c> mapping: a currency and the price per GiB-month of each class.</summary>
internal static class StoragePricesReader
{
    private static readonly string[] Keys = ["currency", "hot", "cool", "cold", "archive"];

    public static StoragePrices? Read(PolicyNode node, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(node, "prices", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var currency = Currency(fields);
        var perGib = new Dictionary<StorageTier, decimal>();
        foreach (var (key, tier) in Keys.Skip(1).Select(k => (k, StorageClassNames.All[k])))
        {
            if (Price(fields, key) is { } price)
            {
                perGib[tier] = price;
            }
        }

        return currency is { } code && perGib.Count == 4 ? new StoragePrices(code, perGib) : null;
    }

    private static CurrencyCode? Currency(MappingFields fields)
    {
        var node = fields.Required("currency", "prices");
        var text = node is null ? null : PolicyValues.Text(node, "currency", fields.Errors);
        if (text is not null && !CurrencyCode.TryParse(text, out _))
        {
            fields.Errors.Add(node!, $"unknown currency '{text}'; use an ISO 4217 code such as USD, EUR or GBP");
            return null;
        }

        return text is null ? null : CurrencyCode.Parse(text);
    }

    private static decimal? Price(MappingFields fields, string key)
    {
        var node = fields.Required(key, "prices");
        var price = node is null ? null : PolicyValues.Number(node, key, fields.Errors);
        if (price < 0)
        {
            fields.Errors.Add(node!, $"'{key}' is a price per GiB-month and cannot be negative, got {price}");
            return null;
        }

        return price;
    }
}
