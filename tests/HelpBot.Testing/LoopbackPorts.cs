using System.Net;
using System.Net.Sockets;

namespace HelpBot.Testing;

public static class LoopbackPorts
{
    /// <summary>A free TCP port on 127.0.0.1, for a host whose address must be known before it starts (links, settings name it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
