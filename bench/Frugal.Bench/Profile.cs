using System.Diagnostics;
using Frugal.Engine.Ledger;

namespace Frugal.Bench;

internal static class Profile
{
    public static async Task<int> RunAsync(string path)
    {
        for (var rep = 0; rep < 4; rep++)
        {
            var bytes = new FileInfo(path).Length;
            var p = Process.GetCurrentProcess();
            var w = p.TotalProcessorTime;
            var records = ScanOnly(path);
            p.Refresh();
            var scan = (p.TotalProcessorTime - w).TotalSeconds;
            w = p.TotalProcessorTime;
            await FocusLedgerReader.ReadAsync([path], FocusReadOptions.Default, CancellationToken.None);
            p.Refresh();
            var ledger = (p.TotalProcessorTime - w).TotalSeconds;
            w = p.TotalProcessorTime;
            await FocusLedgerReader.QueryAsync([path], new FocusCostQuery(), FocusReadOptions.Default, CancellationToken.None);
            p.Refresh();
            var query = (p.TotalProcessorTime - w).TotalSeconds;
            Console.WriteLine($"records {records} scan {bytes / 1e6 / scan:F0} MB/s  ledger {bytes / 1e6 / ledger:F0} MB/s  query-nogroup {bytes / 1e6 / query:F0} MB/s");
        }
        return 0;
    }

    private static long ScanOnly(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[4 << 20];
        var map = new int[28];
        Array.Fill(map, -1);
        map[9] = 0; map[2] = 1; map[11] = 2; map[12] = 3;
        var scanner = new CsvRecordScanner(map, 4);
        long records = 0;
        var filled = 0;
        while (true)
        {
            var n = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, false);
            filled += n;
            var final = filled < buffer.Length;
            var pos = 0;
            while (scanner.Scan(buffer.AsSpan(0, filled), pos, final, out var rec) == ScanStatus.Record)
            {
                records++;
                pos = rec.End;
            }
            if (final) return records;
            buffer.AsSpan(pos, filled - pos).CopyTo(buffer);
            filled -= pos;
        }
    }
}
