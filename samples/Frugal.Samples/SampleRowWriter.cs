using System.Globalization;

namespace Frugal.Samples;

/// <summary>Formats sample rows as CSV, quoting only the fields that need it.</summary>
internal sealed class SampleRowWriter(TextWriter writer, SampleMonth month)
{
    // Google Cloud's on-demand GPUs earn a sustained-use discount that shows in EffectiveCost only.
    private const decimal SustainedUse = 0.93m;

    // Azure's enterprise agreement prices are 15 % below list.
    private const decimal AzureNegotiated = 0.85m;

    private readonly string _billingStart = SampleMonth.Timestamp(month.Start);
    private readonly string _billingEnd = SampleMonth.Timestamp(month.End);

    public void WriteUsage(DateTime hour, SampleMeter meter, SplitMix64 random)
    {
        var factor = month.Factor(meter.Pattern, hour) * random.Between(0.90m, 1.10m);
        var billed = Math.Round(meter.HourlyCost * factor, 6);
        var azure = meter.Account.Provider == "Microsoft Azure";
        var effective = !azure && meter.PricingCategory == "Standard" && meter.Pattern == SpendPattern.Training
            ? Math.Round(billed * SustainedUse, 6)
            : billed;
        var list = azure ? Math.Round(billed / AzureNegotiated, 6) : billed;
        var instance = (random.Below(meter.Instances) + 1).ToString(CultureInfo.InvariantCulture);

        WriteAccount(meter.Account);
        Field("Usage");
        Field(string.Empty);
        Field(meter.Description);

        // Azure's export spells the FOCUS value with a lower-case b; readers must not care.
        Field(azure ? "Usage-based" : "Usage-Based");
        WritePeriod(hour);
        Amount(billed);
        Amount(effective);
        Amount(list);
        Amount(billed);
        Field(meter.PricingCategory);
        Field(Math.Round(meter.QuantityPerHour * factor, 4).ToString("0.####", CultureInfo.InvariantCulture));
        Field(meter.PricingUnit);
        Field(meter.Account.Provider);
        Field(azure ? "Microsoft" : "Google");
        Field(meter.Region);
        Field(meter.ResourcePrefix + instance);
        Field(meter.Category);
        Field(meter.Service);
        Field(meter.SkuId);
        Field(meter.Account.SubAccountId);
        Field(meter.Account.SubAccountName);
        Field(meter.Tags, last: true);
    }

    public void WriteCredit(DateTime hour, SplitMix64 random)
    {
        var credit = SampleCatalogue.Credits[random.Below(SampleCatalogue.Credits.Count)];
        var account = credit.Account;
        var amount = -Math.Round(random.Between(credit.MaxAmount / 10, credit.MaxAmount), 2);

        WriteAccount(account);
        Field("Credit");
        Field(string.Empty);
        Field(credit.Description);
        Field("Usage-Based");
        WritePeriod(hour);
        Amount(amount);
        Amount(amount);
        Amount(0m);
        Amount(amount);
        Field(string.Empty);
        Field(string.Empty);
        Field(string.Empty);
        Field(account.Provider);
        Field(account.Provider == "Microsoft Azure" ? "Microsoft" : "Google");
        Field(string.Empty);
        Field(string.Empty);
        Field(credit.Category);
        Field(credit.Service);
        Field(string.Empty);
        Field(account.SubAccountId);
        Field(account.SubAccountName);
        Field(string.Empty, last: true);
    }

    private void WriteAccount(SampleAccount account)
    {
        Field(account.Id);
        Field(account.Name);
        Field(account.Currency);
        Field(_billingStart);
        Field(_billingEnd);
    }

    private void WritePeriod(DateTime hour)
    {
        Field(SampleMonth.Timestamp(hour));
        Field(SampleMonth.Timestamp(hour.AddHours(1)));
    }

    private void Amount(decimal amount) => Field(amount.ToString("0.000000", CultureInfo.InvariantCulture));

    private void Field(string value, bool last = false)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") >= 0)
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        else
        {
            writer.Write(value);
        }

        writer.Write(last ? '\n' : ',');
    }
}
