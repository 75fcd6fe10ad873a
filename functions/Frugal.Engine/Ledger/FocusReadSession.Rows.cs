using System.Text;

namespace Frugal.Engine.Ledger;

internal sealed partial class FocusReadSession
{
    private string? ReadValues(in FocusRow row, out FocusRowValues values)
    {
        values = default;
        if (row.IsNull(ChargePeriodSlot))
        {
            return "ChargePeriodStart is empty";
        }

        var chargePeriod = ChargePeriods.Intern(row.Raw(ChargePeriodSlot));
        if (chargePeriod < 0)
        {
            return $"ChargePeriodStart {Quote(row.Raw(ChargePeriodSlot))} is not a timestamp";
        }

        var currency = ReadCurrency(row, out var currencyFault);
        if (currencyFault is not null)
        {
            return currencyFault;
        }

        if (row.IsNull(MetricSlot))
        {
            return $"{MetricColumn} is empty";
        }

        if (!Utf8Decimal.TryParse(row.Raw(MetricSlot), out var metric))
        {
            return $"{MetricColumn} {Quote(row.Raw(MetricSlot))} is not a number";
        }

        var other = 0m;
        if (_sink.ReadsOtherMetric && !row.IsNull(OtherMetricSlot) &&
            !Utf8Decimal.TryParse(row.Raw(OtherMetricSlot), out other))
        {
            return $"{OtherColumn} {Quote(row.Raw(OtherMetricSlot))} is not a number";
        }

        values = new FocusRowValues(chargePeriod, currency, metric, other);
        return null;
    }

    private int ReadCurrency(in FocusRow row, out string? fault)
    {
        fault = null;
        if (row.IsNull(CurrencySlot))
        {
            fault = _defaultCurrencyId < 0 ? "BillingCurrency is empty" : null;
            return _defaultCurrencyId;
        }

        var id = Currencies.Intern(row.Raw(CurrencySlot));
        if (id < 0)
        {
            fault = $"BillingCurrency {Quote(row.Raw(CurrencySlot))} is not an ISO 4217 currency code";
        }

        return id;
    }

    private void Reject(FileProgress file, string reason)
    {
        if (_options.Strict)
        {
            throw new FrugalInputException($"{file.Path}: line {file.Line}: {reason}");
        }

        RowsRejected++;
        file.Rejected++;
        if (_rejected.Count < _options.MaxRejectedRows)
        {
            _rejected.Add(new RejectedRow(file.Path, file.Line, reason));
        }

        if (file.Rejected <= PerRowWarnings)
        {
            FocusLedgerLog.RowSkipped(_options.Logger, file.Path, file.Line, reason);
        }
    }

    /// <summary>Shows a bad value in a message: short, on one line, whatever bytes it holds.</summary>
    private static string Quote(ReadOnlySpan<byte> raw)
    {
        const int MaxShown = 40;
        var text = Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, MaxShown)]);
        var shown = string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        return raw.Length > MaxShown ? $"'{shown}…'" : $"'{shown}'";
    }
}
