using Frugal.Engine.Policies;

namespace Frugal.Engine.Ledger;

/// <summary>
/// A source of cost data other than FOCUS files named on the command line or under <c>sources.focus</c>: the
/// BigQuery billing export, Azure's FOCUS exports in Blob Storage. The main job merges what every source that the
/// policy configures returns into one ledger.
/// </summary>
public interface ICostSource
{
    /// <summary>A short name for messages: <c>bigquery</c>, <c>azure-blob</c>.</summary>
    string Name { get; }

    /// <summary>Whether the policy asks for this source.</summary>
    bool IsConfigured(FrugalPolicy policy);

    /// <summary>Reads the costs the policy's settings select, up to <paramref name="now"/>.</summary>
    Task<CostLedger> ReadAsync(FrugalPolicy policy, DateTimeOffset now, CancellationToken ct);
}
