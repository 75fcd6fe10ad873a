using System.Security.Cryptography;
using System.Text;

namespace Frugal.Webhooks;

/// <summary>Compares a presented secret with the expected one in constant time.</summary>
public static class SharedSecret
{
    public static bool Matches(string expected, string? presented)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.Length == 0 || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing first gives both sides one length, so the comparison's time tells nothing about the secret.
        var left = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        var right = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(left, right);
    }
}
