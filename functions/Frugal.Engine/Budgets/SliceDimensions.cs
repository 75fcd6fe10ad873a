using System.Collections;
using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// Matches budget scopes against ledger slices through an inverted index: for each dimension, the slices holding
/// each distinct value. A scope tests each distinct value once and combines the slice sets, so a thousand budgets
/// over a hundred thousand slices cost set operations, not a string comparison per budget and slice.
/// Values compare case-insensitively (exports differ in letter case); a pattern ending in <c>*</c> is a prefix.
/// </summary>
internal sealed class SliceDimensions
{
    private readonly int _sliceCount;
    private readonly Postings _provider;
    private readonly Postings _account;
    private readonly Postings _subAccount;
    private readonly Postings _service;
    private readonly Postings _region;
    private readonly Dictionary<string, Postings> _tags;

    public SliceDimensions(IReadOnlyList<CostSlice> slices)
    {
        _sliceCount = slices.Count;
        _provider = new Postings(slices.Select(s => s.Provider));
        _account = new Postings(slices.Select(s => s.BillingAccountId));
        _subAccount = new Postings(slices.Select(s => s.SubAccountId));
        _service = new Postings(slices.Select(s => s.ServiceName));
        _region = new Postings(slices.Select(s => s.RegionId));

        var tagKeys = slices.SelectMany(s => s.Tags.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _tags = new Dictionary<string, Postings>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in tagKeys)
        {
            _tags[key] = new Postings(slices.Select(s => TagValue(s.Tags, key)));
        }
    }

    public IReadOnlyList<int> Match(BudgetScope scope)
    {
        var selected = new BitArray(_sliceCount, true);
        _provider.Restrict(selected, scope.Providers);
        _account.Restrict(selected, scope.BillingAccounts);
        _subAccount.Restrict(selected, scope.SubAccounts);
        _service.Restrict(selected, scope.Services);
        _region.Restrict(selected, scope.Regions);
        foreach (var (key, values) in scope.Tags)
        {
            if (!_tags.TryGetValue(key, out var postings))
            {
                return [];
            }

            postings.RestrictToPresent(selected, values);
        }

        var matches = new List<int>();
        for (var id = 0; id < _sliceCount; id++)
        {
            if (selected[id])
            {
                matches.Add(id);
            }
        }

        return matches;
    }

    public static bool ValueMatches(string value, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            var matched = pattern.EndsWith('*')
                ? value.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase);
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    // A tag key is matched case-insensitively too; null stands for "tag absent on this slice".
    private static string? TagValue(IReadOnlyDictionary<string, string> tags, string key)
    {
        if (tags.TryGetValue(key, out var exact))
        {
            return exact;
        }

        foreach (var (candidate, value) in tags)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>One dimension's distinct values, each with the ids of the slices that hold it.</summary>
    private sealed class Postings
    {
        private readonly List<(string? Value, List<int> Slices)> _values = [];

        public Postings(IEnumerable<string?> valueOfSlice)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var absent = new List<int>();
            var slice = 0;
            foreach (var value in valueOfSlice)
            {
                if (value is null)
                {
                    absent.Add(slice++);
                    continue;
                }

                if (!ids.TryGetValue(value, out var id))
                {
                    id = _values.Count;
                    ids.Add(value, id);
                    _values.Add((value, []));
                }

                _values[id].Slices.Add(slice++);
            }
        }

        /// <summary>Keeps only slices whose value matches one of the patterns; no patterns keeps everything.</summary>
        public void Restrict(BitArray selected, IReadOnlyList<string> patterns)
        {
            if (patterns.Count > 0)
            {
                selected.And(Accepted(selected.Length, patterns));
            }
        }

        /// <summary>Keeps only slices that have this tag, with one of the values when any are given.</summary>
        public void RestrictToPresent(BitArray selected, IReadOnlyList<string> patterns) =>
            selected.And(Accepted(selected.Length, patterns));

        private BitArray Accepted(int sliceCount, IReadOnlyList<string> patterns)
        {
            var accepted = new BitArray(sliceCount);
            foreach (var (value, slices) in _values)
            {
                if (value is not null && (patterns.Count == 0 || ValueMatches(value, patterns)))
                {
                    foreach (var slice in slices)
                    {
                        accepted[slice] = true;
                    }
                }
            }

            return accepted;
        }
    }
}
