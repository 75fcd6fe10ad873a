using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// Matches budget scopes against ledger slices. Each dimension's distinct values are tested against a scope once,
/// so matching a thousand budgets costs a few integer lookups per slice rather than string comparisons.
/// Values compare case-insensitively (exports differ in letter case); a pattern ending in <c>*</c> is a prefix.
/// </summary>
internal sealed class SliceDimensions
{
    private readonly IReadOnlyList<CostSlice> _slices;
    private readonly Dimension _provider;
    private readonly Dimension _account;
    private readonly Dimension _subAccount;
    private readonly Dimension _service;
    private readonly Dimension _region;

    public SliceDimensions(IReadOnlyList<CostSlice> slices)
    {
        _slices = slices;
        _provider = new Dimension(slices, s => s.Provider);
        _account = new Dimension(slices, s => s.BillingAccountId);
        _subAccount = new Dimension(slices, s => s.SubAccountId);
        _service = new Dimension(slices, s => s.ServiceName);
        _region = new Dimension(slices, s => s.RegionId);
    }

    public IReadOnlyList<int> Match(BudgetScope scope)
    {
        var provider = _provider.Accepting(scope.Providers);
        var account = _account.Accepting(scope.BillingAccounts);
        var subAccount = _subAccount.Accepting(scope.SubAccounts);
        var service = _service.Accepting(scope.Services);
        var region = _region.Accepting(scope.Regions);

        var matches = new List<int>();
        for (var id = 0; id < _slices.Count; id++)
        {
            if (provider(id) && account(id) && subAccount(id) && service(id) && region(id) &&
                TagsMatch(_slices[id].Tags, scope.Tags))
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

    private static bool TagsMatch(
        IReadOnlyDictionary<string, string> tags,
        IReadOnlyDictionary<string, IReadOnlyList<string>> wanted)
    {
        foreach (var (key, values) in wanted)
        {
            if (!TryGetTag(tags, key, out var actual))
            {
                return false;
            }

            if (values.Count > 0 && !ValueMatches(actual, values))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetTag(IReadOnlyDictionary<string, string> tags, string key, out string value)
    {
        if (tags.TryGetValue(key, out value!))
        {
            return true;
        }

        foreach (var (candidate, candidateValue) in tags)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
            {
                value = candidateValue;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>One dimension: the distinct values and, per slice, which value it has.</summary>
    private sealed class Dimension
    {
        private readonly string[] _values;
        private readonly int[] _valueOfSlice;

        public Dimension(IReadOnlyList<CostSlice> slices, Func<CostSlice, string> select)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            _valueOfSlice = new int[slices.Count];
            for (var i = 0; i < slices.Count; i++)
            {
                var value = select(slices[i]) ?? string.Empty;
                if (!ids.TryGetValue(value, out var id))
                {
                    id = ids.Count;
                    ids.Add(value, id);
                }

                _valueOfSlice[i] = id;
            }

            _values = new string[ids.Count];
            foreach (var (value, id) in ids)
            {
                _values[id] = value;
            }
        }

        public Func<int, bool> Accepting(IReadOnlyList<string> patterns)
        {
            if (patterns.Count == 0)
            {
                return static _ => true;
            }

            var accepted = _values.Select(v => ValueMatches(v, patterns)).ToArray();
            return slice => accepted[_valueOfSlice[slice]];
        }
    }
}
