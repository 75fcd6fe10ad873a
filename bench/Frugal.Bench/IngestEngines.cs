using DuckDB.NET.Data;
using Frugal.Engine.Ledger;

namespace Frugal.Bench;

/// <summary>What one ingest run produced, so the engines can be checked against each other.</summary>
internal readonly record struct IngestResult(long Groups, decimal BilledTotal, decimal EffectiveTotal);

/// <summary>The two contenders: Frugal's ledger build and DuckDB's read_csv with the same aggregation.</summary>
internal static class IngestEngines
{
    public static async Task<IngestResult> FrugalAsync(string path)
    {
        var ledger = await FocusLedgerReader.ReadAsync([path], FocusReadOptions.Default, CancellationToken.None);
        var billed = 0m;
        var effective = 0m;
        foreach (var entry in ledger.Entries)
        {
            billed += entry.BilledCost;
            effective += entry.EffectiveCost;
        }

        return new IngestResult(ledger.Entries.Count, billed, effective);
    }

    /// <summary>
    /// The ledger's aggregation in SQL: hourly charge period x slice columns x currency, exact decimal sums.
    /// Only a summary row comes back, so DuckDB pays nothing for handing results to .NET.
    /// </summary>
    public static IngestResult DuckDb(string path, int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        if (threads > 0)
        {
            command.CommandText = $"SET threads = {threads}";
            command.ExecuteNonQuery();
        }

        command.CommandText = $"""
            SELECT count(*), sum(billed), sum(effective) FROM (
                SELECT ChargePeriodStart, ProviderName, BillingAccountId, SubAccountId, ServiceName, RegionId, Tags,
                       BillingCurrency, sum(BilledCost) AS billed, sum(EffectiveCost) AS effective
                FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true,
                              types = {"{"}'BilledCost': 'DECIMAL(18,6)', 'EffectiveCost': 'DECIMAL(18,6)'{"}"})
                GROUP BY ALL)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IngestResult(reader.GetInt64(0), reader.GetDecimal(1), reader.GetDecimal(2));
    }

    public static long DuckDbThreads(int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        if (threads > 0)
        {
            command.CommandText = $"SET threads = {threads}";
            command.ExecuteNonQuery();
        }

        command.CommandText = "SELECT current_setting('threads')";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
