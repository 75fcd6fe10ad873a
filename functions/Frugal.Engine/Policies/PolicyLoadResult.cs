using System.Diagnostics.CodeAnalysis;

namespace Frugal.Engine.Policies;

/// <summary>
/// The outcome of reading a policy: the policy when nothing is wrong, otherwise every problem found, in file order.
/// </summary>
public sealed record PolicyLoadResult(FrugalPolicy? Policy, IReadOnlyList<PolicyDiagnostic> Diagnostics)
{
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;

    /// <summary>The policy, or a <see cref="FrugalInputException"/> with one diagnostic per line.</summary>
    public FrugalPolicy EnsureValid() =>
        Policy ?? throw new FrugalInputException(string.Join(Environment.NewLine, Diagnostics));
}
