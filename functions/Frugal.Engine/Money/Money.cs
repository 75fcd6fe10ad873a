using System.Globalization;

namespace Frugal.Engine.Money;

/// <summary>An amount of money in one currency. Amounts in different currencies are never added together.</summary>
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    public static Money Zero(CurrencyCode currency) => new(0m, currency);

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount + right.Amount, left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount - right.Amount, left.Currency);
    }

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    /// <summary>
    /// Formats for people as <c>USD 40,000.00</c>: invariant culture, rounded to cents. Machine output (JSON, CSV)
    /// writes <see cref="Amount"/> itself, exact to the last digit.
    /// </summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Currency} {decimal.Round(Amount, 2, MidpointRounding.AwayFromZero):#,0.00}");

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new InvalidOperationException(
                $"Cannot combine {left.Currency} and {right.Currency}: amounts in different currencies stay apart");
        }
    }
}
