using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Frugal.Notifications.Tests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1, in one of the three modes Frugal speaks, with an
/// optional login and a recipient it refuses. It keeps every message it accepts, parsed with MimeKit.
/// </summary>
internal sealed class FakeSmtp : IDisposable
{
    public const string User = "frugal";
    public const string Password = "pa55-w0rd-never-logged";
    public const string RefusedRecipient = "nobody@example.com";

    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly ConcurrentQueue<string> _logins = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public FakeSmtp(string tls = "none", bool login = false)
    {
        Port = FreePort.Next();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (tls != "none")
                {
                    endpoint.Certificate(TestCertificate.Server);
                }

                endpoint.IsSecure(tls == "tls");
                endpoint.AllowUnsecureAuthentication(tls == "none");
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages));
        services.Add(new DelegatingMailboxFilter(
            (_, _) => true, (_, to, _) => !string.Equals(to.AsAddress(), RefusedRecipient, StringComparison.Ordinal)));
        if (login)
        {
            services.Add(new DelegatingUserAuthenticator((_, user, password) =>
            {
                _logins.Enqueue(user);
                return user == User && password == Password;
            }));
        }

        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    public IReadOnlyList<string> Logins => [.. _logins];

    public void Dispose()
    {
        _stop.Cancel();
        _server.Shutdown();
        _running.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
