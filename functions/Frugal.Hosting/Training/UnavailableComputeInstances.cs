using Frugal.Engine;
using Frugal.Engine.Training;

namespace Frugal.Hosting.Training;

/// <summary>
/// Stands in for Compute Engine in a host that has no access to Google configured: every call is refused with
/// what to set, so the queue can be listed and edited but nothing is launched.
/// </summary>
internal sealed class UnavailableComputeInstances : IComputeInstances
{
    public const string Refusal =
        "launching training needs Compute Engine: set Frugal:Google:Enabled to true (and its credentials)";

    public static UnavailableComputeInstances Instance { get; } = new();

    public Task<ComputeOperation> InsertAsync(SpotLaunchRequest request, CancellationToken ct) => throw Refuse();

    public Task<ComputeOperation> WaitAsync(ZoneOperationRef operation, TimeSpan timeout, CancellationToken ct) =>
        throw Refuse();

    public Task<ComputeInstance?> GetAsync(InstanceRef instance, CancellationToken ct) => throw Refuse();

    public Task<IReadOnlyList<ComputeInstance>> ListAsync(
        string project, string zone, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        throw Refuse();

    public Task<IReadOnlyList<ComputeOperation>> ListPreemptionsAsync(
        string project, string zone, DateTimeOffset since, CancellationToken ct) => throw Refuse();

    public Task<ComputeOperation> SetMetadataAsync(
        InstanceRef instance, IReadOnlyDictionary<string, string> items, string fingerprint, CancellationToken ct) =>
        throw Refuse();

    public Task<ComputeOperation> StopAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
        throw Refuse();

    public Task<ComputeOperation> StartAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
        throw Refuse();

    public Task<ComputeOperation?> DeleteAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
        throw Refuse();

    private static FrugalInputException Refuse() => new(Refusal);
}
