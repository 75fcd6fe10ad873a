using Frugal.Engine.Policies;

namespace Frugal.Engine.Autoscaling;

/// <summary>The reasons an autoscaler in scope is never changed: an exemption, or an owner that rewrites it.</summary>
internal static class HpaGuards
{
    private const string KedaGroup = "keda.sh/";

    /// <summary>Why Frugal must leave the autoscaler alone, or null when it may act.</summary>
    public static string? Refusal(FrugalPolicy policy, HpaObservation hpa, bool managed)
    {
        var reason = Exemption(policy, hpa) ?? Keda(policy, hpa);
        return reason is null ? null : managed ? $"{reason}; {StillHeld(hpa)}" : reason;
    }

    public static string? Exemption(FrugalPolicy policy, HpaObservation hpa)
    {
        var key = policy.Safety.ExemptionLabel;
        return hpa.Labels.ContainsKey(key) || hpa.Annotations.ContainsKey(key)
            ? $"exempt: it carries {key}"
            : null;
    }

    public static string StillHeld(HpaObservation hpa) =>
        $"it still holds limits Frugal set ({hpa.Limits}); run 'frugal autoscale restore' before exempting it, "
        + "or set its limits and remove the frugal.io annotations by hand";

    // KEDA owns the HPAs it creates for a ScaledObject and writes them back from the ScaledObject, so a change
    // here would be undone within seconds and fight KEDA's controller.
    private static string? Keda(FrugalPolicy policy, HpaObservation hpa)
    {
        if (policy.Autoscaling.IncludeKeda)
        {
            return null;
        }

        var owner = hpa.Owners.FirstOrDefault(o =>
            o.Kind == "ScaledObject" && o.ApiVersion.StartsWith(KedaGroup, StringComparison.Ordinal));
        return owner is null
            ? null
            : $"owned by KEDA ScaledObject {owner.Name}, which rewrites it; set autoscaling.includeKeda to change it";
    }
}
