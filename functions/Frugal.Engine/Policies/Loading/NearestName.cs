namespace Frugal.Engine.Policies.Loading;

/// <summary>Finds the known name a misspelt one was probably meant to be, for "did you mean" hints.</summary>
internal static class NearestName
{
    /// <summary>The closest candidate within a few edits (case ignored), or null when none is close.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance && distance <= Math.Max(1, candidate.Length / 3))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>"unknown key 'x'" with the likely intended name, or else the names that would be accepted.</summary>
    public static string Unknown(string what, string typed, IReadOnlyCollection<string> known) =>
        $"unknown {what} '{typed}'" + (Find(typed, known) is { } near
            ? $"; did you mean '{near}'?"
            : $"; expected one of {string.Join(", ", known)}");

    /// <summary>"; did you mean 'x'?" or an empty string, ready to append to a message.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Find(typed, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one.
    private static int Distance(string a, string b)
    {
        var rows = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            rows[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(rows[i - 1, j] + 1, rows[i, j - 1] + 1), rows[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, rows[i - 2, j - 2] + 1);
                }

                rows[i, j] = best;
            }
        }

        return rows[a.Length, b.Length];
    }
}
