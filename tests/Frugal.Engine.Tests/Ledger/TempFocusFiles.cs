using System.IO.Compression;
using System.Text;

namespace Frugal.Engine.Tests.Ledger;

/// <summary>A temporary folder of hand-written FOCUS files, deleted with the test.</summary>
internal sealed class TempFocusFiles : IDisposable
{
    /// <summary>The columns most tests use, in an order no export would pick, to prove order does not matter.</summary>
    public const string Header =
        "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ProviderName,BillingAccountId,SubAccountId," +
        "ServiceName,RegionId,ChargeFrequency,Tags";

    private readonly string _folder =
        Path.Combine(Path.GetTempPath(), "frugal-ledger-tests", Guid.NewGuid().ToString("N"));

    public TempFocusFiles() => Directory.CreateDirectory(_folder);

    public string Folder => _folder;

    public string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <see cref="Header"/> and the given rows, each ended by a line feed.</summary>
    public string WriteRows(string name, params string[] rows) =>
        Write(name, Header + "\n" + string.Concat(rows.Select(row => row + "\n")));

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteGzip(string name, string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return WriteBytes(name, buffer.ToArray());
    }

    /// <summary>A usage row with the columns of <see cref="Header"/>.</summary>
    public static string Row(
        string start = "2026-11-02T10:00:00Z",
        string billed = "1.00",
        string effective = "1.00",
        string currency = "USD",
        string provider = "Google Cloud",
        string account = "ACCT-1",
        string subAccount = "ml-training",
        string service = "Compute Engine",
        string region = "us-central1",
        string frequency = "Usage-Based",
        string tags = "\"{\"\"team\"\":\"\"ml\"\"}\"") =>
        string.Join(
            ',', start, billed, effective, currency, provider, account, subAccount, service, region, frequency, tags);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test must not fail the next one; the OS cleans temp folders anyway.
        }
    }
}
