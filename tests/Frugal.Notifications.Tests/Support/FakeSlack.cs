using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Frugal.Notifications.Tests.Support;

/// <summary>
/// A local HTTP listener that answers like a Slack incoming webhook: a bare text body, with the status and headers
/// the test scripts for each request. It records what it received.
/// </summary>
internal sealed class FakeSlack : IDisposable
{
    public const string SecretPath = "/services/T000FRUGAL/B000FRUGAL/XoXoSeCrEtWeBhOoK42";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSlack(Func<int, SlackAnswer>? answer = null)
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        Answer = answer ?? (_ => SlackAnswer.Ok);
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}{SecretPath}";

    public Func<int, SlackAnswer> Answer { get; set; }

    public IReadOnlyList<Received> Requests => [.. _received];

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        _received.Enqueue(new Received(context.Request.Url!.AbsolutePath, context.Request.ContentType, body,
            DateTimeOffset.UtcNow));
        var answer = Answer(_received.Count);
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default)
                .ConfigureAwait(false);
        }

        try
        {
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers)
            {
                context.Response.AddHeader(name, value);
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a timeout test) or the listener is closing.
        }
    }

    public sealed record Received(string Path, string? ContentType, string Body, DateTimeOffset At);
}

/// <summary>What the fake Slack answers to one request.</summary>
internal sealed record SlackAnswer(int Status, string Body, TimeSpan Delay = default)
{
    public static SlackAnswer Ok { get; } = new(200, "ok");

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
}
