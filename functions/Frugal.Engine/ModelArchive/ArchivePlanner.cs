using System.Globalization;
using Frugal.Engine.Policies;

namespace Frugal.Engine.ModelArchive;

/// <summary>One registry's versions as the planner sees them, with what state knows about them.</summary>
public sealed record RegistryInventory(ModelRegistryPolicy Registry, IReadOnlyList<ModelVersionInfo> Versions)
{
    /// <summary>Versions with an unfinished journaled change: the executor finishes those first.</summary>
    public IReadOnlySet<ModelVersionKey> Busy { get; init; } = new HashSet<ModelVersionKey>();

    /// <summary>When versions were last restored by Frugal; a restore counts as a use.</summary>
    public IReadOnlyDictionary<ModelVersionKey, DateTimeOffset> RestoredAt { get; init; } =
        new Dictionary<ModelVersionKey, DateTimeOffset>();

    /// <summary>When moves of versions kept failing and were rolled back; they rest before another try.</summary>
    public IReadOnlyDictionary<ModelVersionKey, DateTimeOffset> RolledBackAt { get; init; } =
        new Dictionary<ModelVersionKey, DateTimeOffset>();
}

/// <summary>
/// Decides which model versions move to a colder class or are deleted. Pure: a function of the rules, the
/// inventory and the time. The newest versions of each model, aliased or pinned versions and recently served ones
/// are kept; the rest move to the class <see cref="TierChoice"/> picks, and are deleted only when the policy sets
/// <c>deleteAfterDays</c> and they have been cold that long and past their class's minimum storage duration.
/// </summary>
public static class ArchivePlanner
{
    public static ArchivePlan Plan(ArchiveRules rules, IReadOnlyList<RegistryInventory> inventories, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(inventories);
        var decisions = new List<ArchiveDecision>();
        var kept = new List<KeptVersion>();
        foreach (var inventory in inventories)
        {
            foreach (var model in inventory.Versions.GroupBy(v => v.Model, StringComparer.Ordinal))
            {
                var newestFirst = model.OrderByDescending(v => v.Created).ThenByDescending(v => v.Version, Versions);
                var rank = 0;
                foreach (var version in newestFirst)
                {
                    var outcome = Decide(new Candidate(inventory, version, rank++), rules, now);
                    if (outcome.Decision is { } decision)
                    {
                        decisions.Add(decision);
                    }
                    else
                    {
                        var key = version.Key(inventory.Registry.Name);
                        kept.Add(new KeptVersion(key, version.Tier, version.SizeBytes, outcome.Reason));
                    }
                }
            }
        }

        return new ArchivePlan(decisions, kept, now);
    }

    /// <summary>Orders version names numerically where both are numbers (9 before 10), else ordinally.</summary>
    public static IComparer<string> Versions { get; } = Comparer<string>.Create(CompareVersions);

    private static (ArchiveDecision? Decision, string Reason) Decide(
        Candidate c, ArchiveRules rules, DateTimeOffset now)
    {
        if (KeepReason(c, rules, now) is { } reason)
        {
            return (null, reason);
        }

        if (Deletion(c, rules, now) is { } deletion)
        {
            return (deletion, deletion.Reason);
        }

        var idleDays = (now - c.IdleSince).TotalDays;
        if (TierChoice.Colder(c.Version.Tier, idleDays, rules, c.Registry) is { } target)
        {
            var saving = c.Registry.Prices.MonthlyCost(c.Version.SizeBytes, c.Version.Tier)
                - c.Registry.Prices.MonthlyCost(c.Version.SizeBytes, target);
            var why = Days($"idle {idleDays:F0} days", c.Version.LastServed is null ? " (never served)" : "");
            return (new ArchiveDecision(c.Key, ArchiveOperation.Move, c.Version.Tier, target, c.Version.SizeBytes,
                saving, why), why);
        }

        return (null, c.Version.Tier == StorageTier.Hot
            ? Days($"idle {idleDays:F0} days: too soon for any colder class's minimum storage duration")
            : $"already {c.Version.Tier.ToString().ToLowerInvariant()}");
    }

    private static string? KeepReason(Candidate c, ArchiveRules rules, DateTimeOffset now)
    {
        var v = c.Version;
        return c.Inventory.Busy.Contains(c.Key) ? "an unfinished journaled change is being completed"
            : v.Rehydrating ? "rehydrating"
            : c.Rank < rules.KeepNewest ? $"one of the newest {rules.KeepNewest}"
            : v.Aliases.Count > 0 ? $"aliased as {string.Join(", ", v.Aliases)}"
            : v.Pinned ? $"pinned ({rules.PinLabel})"
            : Within(v.LastServed, rules, now) ? Days($"served {(now - v.LastServed!.Value).TotalDays:F0} days ago")
            : Within(c.RestoredAt, rules, now) ? Days($"restored {(now - c.RestoredAt!.Value).TotalDays:F0} days ago")
            : Within(c.RolledBackAt, rules, now)
                ? Days($"a failing move was rolled back {(now - c.RolledBackAt!.Value).TotalDays:F0} days ago")
            : null;
    }

    private static ArchiveDecision? Deletion(Candidate c, ArchiveRules rules, DateTimeOffset now)
    {
        var tier = c.Version.Tier;
        if (rules.DeleteAfterDays is not { } retention || tier == StorageTier.Hot)
        {
            return null;
        }

        var coldDays = (now - (c.Version.TierChangedAt ?? c.Version.Created)).TotalDays;
        var needed = Math.Max(retention, c.Registry.MinimumStorageDays.GetValueOrDefault(tier));
        if (coldDays < needed)
        {
            return null;
        }

        var saving = c.Registry.Prices.MonthlyCost(c.Version.SizeBytes, tier);
        return new ArchiveDecision(c.Key, ArchiveOperation.Delete, tier, tier, c.Version.SizeBytes, saving,
            Days($"{tier.ToString().ToLowerInvariant()} for {coldDays:F0} days, past deleteAfterDays {retention}"));
    }

    private static bool Within(DateTimeOffset? at, ArchiveRules rules, DateTimeOffset now) =>
        at is { } instant && now - instant < TimeSpan.FromDays(rules.ServedWithinDays);

    private static string Days(FormattableString text, string suffix = "") =>
        text.ToString(CultureInfo.InvariantCulture) + suffix;

    private static int CompareVersions(string? left, string? right) =>
        long.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
        && long.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            ? l.CompareTo(r)
            : string.CompareOrdinal(left, right);

    private sealed record Candidate(RegistryInventory Inventory, ModelVersionInfo Version, int Rank)
    {
        public ModelRegistryPolicy Registry => Inventory.Registry;

        public ModelVersionKey Key { get; } = Version.Key(Inventory.Registry.Name);

        public DateTimeOffset? RestoredAt => Inventory.RestoredAt.TryGetValue(Key, out var at) ? at : null;

        public DateTimeOffset? RolledBackAt => Inventory.RolledBackAt.TryGetValue(Key, out var at) ? at : null;

        /// <summary>The start of the current idle spell: the last use of any kind, or the version's creation.</summary>
        public DateTimeOffset IdleSince =>
            new[] { Version.Created, Version.LastServed ?? default, RestoredAt ?? default }.Max();
    }
}
