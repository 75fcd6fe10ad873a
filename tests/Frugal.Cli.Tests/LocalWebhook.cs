using System.Net;
using System.Net.Sockets;

namespace Frugal.Cli.Tests;

/// <summary>A local HTTP listener answering every POST like a Slack webhook, with one status and body.</summary>
internal sealed class LocalWebhook : IDisposable
{
    public const string Path = "/services/T0CLI/B0CLI/CliWebhookSecret77";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public LocalWebhook(int status, string body)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    Interlocked.Increment(ref _requests);
                    context.Response.StatusCode = status;
                    await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body));
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}{Path}";

    public int Requests => _requests;

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
