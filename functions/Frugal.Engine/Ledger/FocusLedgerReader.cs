namespace Frugal.Engine.Ledger;

/// <summary>
/// Reads FOCUS 1.0 to 1.2 CSV exports, plain or gzipped, as real exports write them: the budget ledger, or the
/// answer to a grouped cost query. Bad files fail with a one-line <see cref="FrugalInputException"/>; malformed
/// rows are skipped and reported (or fail the read when <see cref="FocusReadOptions.Strict"/> is set).
/// </summary>
public static class FocusLedgerReader
{
    public static async Task<CostLedger> ReadAsync(
        IReadOnlyList<string> paths, FocusReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var sink = new LedgerSink(options.Metric);
        var session = new FocusReadSession(options, sink);
        await session.ReadAsync(paths, cancellationToken).ConfigureAwait(false);
        return sink.ToLedger(session);
    }

    public static async Task<FocusCostReport> QueryAsync(
        IReadOnlyList<string> paths,
        FocusCostQuery query,
        FocusReadOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        var sink = new CostGroupSink(query);
        var session = new FocusReadSession(options, sink);
        await session.ReadAsync(paths, cancellationToken).ConfigureAwait(false);
        return sink.ToReport(session, options.Metric);
    }
}
