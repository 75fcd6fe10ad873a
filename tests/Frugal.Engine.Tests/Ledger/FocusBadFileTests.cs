using System.Text;
using Frugal.Engine.Ledger;
using static Frugal.Engine.Tests.Ledger.TempFocusFiles;

namespace Frugal.Engine.Tests.Ledger;

public sealed class FocusBadFileTests : IDisposable
{
    private readonly TempFocusFiles _files = new();

    [Fact]
    public async Task ReadAsync_MissingFile_NamesIt()
    {
        var path = Path.Combine(_files.Folder, "nope.csv");

        var message = await ErrorOf(path);

        Assert.Equal($"{path}: file not found", message);
    }

    [Fact]
    public async Task ReadAsync_Folder_SaysItIsNotAFile()
    {
        var message = await ErrorOf(_files.Folder);

        Assert.Equal($"{_files.Folder}: is a folder, not a FOCUS file", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public async Task ReadAsync_EmptyFile_SaysSo(string content)
    {
        var path = _files.Write("a.csv", content);

        Assert.Equal($"{path}: the file is empty", await ErrorOf(path));
    }

    [Theory]
    [InlineData(Header)]
    [InlineData(Header + "\n")]
    [InlineData(Header + "\r\n\r\n")]
    public async Task ReadAsync_HeaderOnly_SaysThereAreNoRows(string content)
    {
        var path = _files.Write("a.csv", content);

        Assert.Equal($"{path}: has a header but no data rows", await ErrorOf(path));
    }

    [Theory]
    [InlineData(';', "semicolons")]
    [InlineData('\t', "tabs")]
    public async Task ReadAsync_WrongDelimiter_NamesIt(char delimiter, string name)
    {
        var path = _files.Write("a.csv", Header.Replace(',', delimiter) + "\n" + Row().Replace(',', delimiter) + "\n");

        Assert.Equal(
            $"{path}: the header is separated by {name}; FOCUS CSV must be comma-separated", await ErrorOf(path));
    }

    [Fact]
    public async Task ReadAsync_BinaryGarbage_SaysItIsNotText()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var path = _files.WriteBytes("a.csv", bytes);

        Assert.Equal(
            $"{path}: the header is not UTF-8 text (binary data?); expected a FOCUS CSV export", await ErrorOf(path));
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8Header_SaysItIsNotText()
    {
        var bytes = Encoding.UTF8.GetBytes("ChargePeriodStart,BilledCost,Billing\u00e9Currency\n2026-11-01,1,USD\n");
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xC0;
        var path = _files.WriteBytes("a.csv", bytes);

        Assert.Contains("the header is not UTF-8 text", await ErrorOf(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_HugeLineWithoutNewline_FailsAtTheCapWithItsLine()
    {
        var bytes = new byte[20 * 1024 * 1024];
        Array.Fill(bytes, (byte)'7');
        var path = _files.WriteBytes("a.csv", [.. Encoding.UTF8.GetBytes(Header + "\n" + Row() + "\n"), .. bytes]);

        var message = await ErrorOf(path);

        Assert.Equal($"{path}: line 3: a record is longer than 1 MiB; this is not a FOCUS CSV export", message);
    }

    [Fact]
    public async Task ReadAsync_HugeHeader_FailsAtTheCap()
    {
        var path = _files.Write("a.csv", "ChargePeriodStart," + new string('x', 2 * 1024 * 1024));

        var message = await ErrorOf(path);

        Assert.Equal($"{path}: line 1: the header is longer than 1 MiB; expected a FOCUS CSV export", message);
    }

    [Fact]
    public async Task ReadAsync_CorruptGzip_SaysSo()
    {
        var gzip = await File.ReadAllBytesAsync(_files.WriteGzip("ok.csv.gz", Header + "\n" + Row() + "\n"),
            TestContext.Current.CancellationToken);
        var corrupt = gzip.ToArray();
        for (var i = 12; i < corrupt.Length - 8; i++)
        {
            corrupt[i] ^= 0x5A;
        }

        var path = _files.WriteBytes("bad.csv.gz", corrupt);

        Assert.StartsWith($"{path}: corrupt gzip data", await ErrorOf(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedGzip_SaysSo()
    {
        var text = Header + "\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => Row(billed: $"{i}.5") + "\n"));
        var gzip = await File.ReadAllBytesAsync(
            _files.WriteGzip("ok.csv.gz", text), TestContext.Current.CancellationToken);
        var path = _files.WriteBytes("cut.csv.gz", gzip[..(gzip.Length / 2)]);

        Assert.StartsWith($"{path}: corrupt gzip data", await ErrorOf(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BilledCost,BillingCurrency", "ChargePeriodStart")]
    [InlineData("ChargePeriodStart,BillingCurrency", "BilledCost")]
    public async Task ReadAsync_HeaderWithoutRequiredColumn_NamesTheColumn(string header, string missing)
    {
        var path = _files.Write("a.csv", header + "\nx,USD\n");

        Assert.Equal($"{path}: the header has no {missing} column", await ErrorOf(path));
    }

    [Fact]
    public async Task ReadAsync_HeaderWithoutCurrencyAndNoDefault_SuggestsTheOption()
    {
        var path = _files.Write("a.csv", "ChargePeriodStart,BilledCost\n2026-11-01,1\n");

        Assert.Equal(
            $"{path}: the header has no BillingCurrency column; give a default currency (--currency CODE)",
            await ErrorOf(path));
    }

    public void Dispose() => _files.Dispose();

    private static async Task<string> ErrorOf(string path)
    {
        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            FocusLedgerReader.ReadAsync([path], FocusReadOptions.Default, TestContext.Current.CancellationToken));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }
}
