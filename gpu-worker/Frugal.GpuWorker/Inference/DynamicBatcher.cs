using System.Threading.Channels;
using Frugal.GpuWorker.Tensors;
using Frugal.GpuWorker.Telemetry;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// Joins concurrent requests for one model into a single session run: a batch closes when it holds
/// <c>maxRows</c> rows or when its oldest request has waited <c>maxDelay</c>. Requests whose inner shapes or wanted
/// outputs differ cannot share a run and are run as separate groups from the same batch.
/// </summary>
internal sealed class DynamicBatcher
{
    private readonly OnnxModel model;
    private readonly int maxRows;
    private readonly TimeSpan maxDelay;
    private readonly TimeProvider time;
    private readonly WorkerMetrics metrics;
    private readonly Channel<PendingRequest> queue = Channel.CreateUnbounded<PendingRequest>(
        new UnboundedChannelOptions { SingleReader = true });
    private PendingRequest? carried;

    public DynamicBatcher(OnnxModel model, int maxRows, TimeSpan maxDelay, TimeProvider time, WorkerMetrics metrics)
    {
        this.model = model;
        this.maxRows = maxRows;
        this.maxDelay = maxDelay;
        this.time = time;
        this.metrics = metrics;
        _ = Task.Run(RunAsync);
    }

    public Task<NamedTensor[]> InferAsync(InferenceRequest request)
    {
        var pending = new PendingRequest(request, Signature(request), time.GetTimestamp());
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(DynamicBatcher), $"model '{model.Name}' was unloaded");
        }

        return pending.Completion.Task;
    }

    public void Complete() => queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        while (true)
        {
            var batch = await NextBatchAsync().ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var group in batch.GroupBy(p => p.Signature, StringComparer.Ordinal))
            {
                Execute(group.ToList());
            }
        }
    }

    private async Task<List<PendingRequest>> NextBatchAsync()
    {
        var batch = new List<PendingRequest>();
        var first = carried ?? await ReadOrNullAsync(CancellationToken.None).ConfigureAwait(false);
        carried = null;
        if (first is null)
        {
            return batch;
        }

        batch.Add(first);
        var rows = first.Request.Rows;
        while (rows < maxRows)
        {
            var next = await NextWithinAsync(first.EnqueuedAt).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            if (rows + next.Request.Rows > maxRows)
            {
                carried = next;
                break;
            }

            batch.Add(next);
            rows += next.Request.Rows;
        }

        return batch;
    }

    private async Task<PendingRequest?> NextWithinAsync(long batchOpenedAt)
    {
        if (queue.Reader.TryRead(out var ready))
        {
            return ready;
        }

        var remaining = maxDelay - time.GetElapsedTime(batchOpenedAt);
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(remaining, time);
        return await ReadOrNullAsync(deadline.Token).ConfigureAwait(false);
    }

    private async Task<PendingRequest?> ReadOrNullAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    private void Execute(List<PendingRequest> group)
    {
        try
        {
            var outputs = RunStacked(group);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Completion.TrySetResult(outputs[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            // One bad request must not fail its neighbours: run each alone so only the bad one gets the error.
            group.ForEach(ExecuteAlone);
        }
        catch (Exception exception)
        {
            group[0].Completion.TrySetException(exception);
        }
    }

    private void ExecuteAlone(PendingRequest pending)
    {
        try
        {
            pending.Completion.TrySetResult(RunStacked([pending])[0]);
        }
        catch (Exception exception)
        {
            pending.Completion.TrySetException(exception);
        }
    }

    private NamedTensor[][] RunStacked(List<PendingRequest> group)
    {
        var started = time.GetTimestamp();
        var rows = group.Sum(p => p.Request.Rows);
        var first = group[0].Request;
        var inputs = group.Count == 1
            ? first.Inputs.ToArray()
            : first.Inputs.Select((input, index) => Stack(group, index, rows)).ToArray();
        foreach (var pending in group)
        {
            metrics.ObserveQueueDelay(model.Name, time.GetElapsedTime(pending.EnqueuedAt, started));
        }

        var outputs = model.Run(inputs, first.Outputs);
        metrics.ObserveRun(model.Name, rows, time.GetElapsedTime(started));
        return group.Count == 1 ? [outputs] : Split(group, outputs, rows);
    }

    private static NamedTensor Stack(List<PendingRequest> group, int inputIndex, long rows)
    {
        var template = group[0].Request.Inputs[inputIndex];
        var bytes = new byte[group.Sum(p => p.Request.Inputs[inputIndex].Bytes.LongLength)];
        var offset = 0;
        foreach (var pending in group)
        {
            var part = pending.Request.Inputs[inputIndex].Bytes;
            part.CopyTo(bytes, offset);
            offset += part.Length;
        }

        long[] shape = [rows, .. template.Shape.AsSpan(1)];
        return template with { Shape = shape, Bytes = bytes };
    }

    private static NamedTensor[][] Split(List<PendingRequest> group, NamedTensor[] outputs, long rows)
    {
        if (outputs.Any(o => o.Shape.Length == 0 || o.Shape[0] != rows))
        {
            throw new InvalidOperationException("outputs do not follow the batch dimension");
        }

        var answers = group.Select(_ => new NamedTensor[outputs.Length]).ToArray();
        for (var o = 0; o < outputs.Length; o++)
        {
            var rowBytes = outputs[o].Bytes.Length / rows;
            var offset = 0L;
            for (var g = 0; g < group.Count; g++)
            {
                var take = group[g].Request.Rows;
                long[] shape = [take, .. outputs[o].Shape.AsSpan(1)];
                var bytes = outputs[o].Bytes.AsSpan((int)offset, (int)(take * rowBytes)).ToArray();
                answers[g][o] = outputs[o] with { Shape = shape, Bytes = bytes };
                offset += take * rowBytes;
            }
        }

        return answers;
    }

    private static string Signature(InferenceRequest request) =>
        string.Join('|', request.Outputs) + "#" + string.Join(';', request.Inputs.Select(i =>
            i.Name + ":" + i.Datatype.WireName() + ":" + string.Join(',', i.Shape.Skip(1))));

    private sealed record PendingRequest(InferenceRequest Request, string Signature, long EnqueuedAt)
    {
        public TaskCompletionSource<NamedTensor[]> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
