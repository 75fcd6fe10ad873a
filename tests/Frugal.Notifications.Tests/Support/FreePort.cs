using System.Net;
using System.Net.Sockets;

namespace Frugal.Notifications.Tests.Support;

internal static class FreePort
{
    /// <summary>A port nothing listens on right now (bound and released), for servers that need one given.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
