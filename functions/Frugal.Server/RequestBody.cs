using Microsoft.AspNetCore.Http;

namespace Frugal.Server;

/// <summary>Reads a request body up to a limit, without trusting the declared length alone.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[Math.Min(limit + 1, (int)(request.ContentLength ?? 16 * 1024) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return length > limit ? null : buffer.AsMemory(0, length);
            }

            length += read;
        }
    }
}
