using System.Security.Cryptography;
using System.Text;

namespace Frugal.Google.Compute;

/// <summary>
/// Compute accepts only a UUID as <c>requestId</c>; Frugal's request ids are text. The same text always gives the
/// same UUID (a name-based, version 5 style UUID over SHA-256), so a retried or repeated call is recognised by
/// Google and returns the first call's operation. Text that already is a UUID is sent as it is.
/// </summary>
internal static class ComputeRequestIds
{
    private static readonly byte[] Namespace = Encoding.UTF8.GetBytes("frugal.compute.request-id/");

    public static string ToUuid(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (Guid.TryParse(requestId, out var given) && given != Guid.Empty)
        {
            return given.ToString("D");
        }

        var hash = SHA256.HashData([.. Namespace, .. Encoding.UTF8.GetBytes(requestId)]);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
