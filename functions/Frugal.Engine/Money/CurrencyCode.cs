using System.Collections.Frozen;

namespace Frugal.Engine.Money;

/// <summary>An ISO 4217 alphabetic currency code, upper case.</summary>
public readonly record struct CurrencyCode
{
    // Active ISO 4217 codes (2024 list) plus the fund and precious-metal codes that billing systems never use
    // left out on purpose: a budget in XAU is a typo, not a policy.
    private static readonly FrozenSet<string> Known = (
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD " +
        "CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ " +
        "GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR " +
        "LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN " +
        "PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB " +
        "TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private CurrencyCode(string code) => Code = code;

    /// <summary>The three-letter code, for example <c>USD</c>.</summary>
    public string Code { get; }

    public static CurrencyCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an ISO 4217 currency code");

    public static bool TryParse(ReadOnlySpan<char> text, out CurrencyCode code)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 3)
        {
            var upper = string.Create(3, trimmed, static (dest, src) => src.ToUpperInvariant(dest));
            if (Known.TryGetValue(upper, out var interned))
            {
                code = new CurrencyCode(interned);
                return true;
            }
        }

        code = default;
        return false;
    }

    public override string ToString() => Code ?? "???";
}
