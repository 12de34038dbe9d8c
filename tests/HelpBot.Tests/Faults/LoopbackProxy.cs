using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HelpBot.Tests.Faults;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a server (a fake API, PostgreSQL), which can go away and come back on the same
/// port: while it is away, connecting is refused (nothing listens) and open connections are cut, as when the host is unreachable.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<TcpClient, bool> _connections = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public LoopbackProxy(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = new IPEndPoint(IPAddress.Loopback, target.Port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Listen();
    }

    public int Port { get; }

    public string BaseUrl => "http://127.0.0.1:" + Port;

    /// <summary>From now on connections are refused, and those open are cut.</summary>
    public async Task RefuseAsync()
    {
        _listener?.Stop();
        await _accepting;
        foreach (var connection in _connections.Keys)
            connection.Dispose();
        _connections.Clear();
    }

    /// <summary>Back on the same port.</summary>
    public void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = Task.Run(() => AcceptAsync(listener));
    }

    public async ValueTask DisposeAsync() => await RefuseAsync();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        _connections[client] = true;
        _connections[upstream] = true;
        try
        {
            await upstream.ConnectAsync(_target);
            using var cut = new CancellationTokenSource();
            var there = client.GetStream().CopyToAsync(upstream.GetStream(), cut.Token);
            var back = upstream.GetStream().CopyToAsync(client.GetStream(), cut.Token);
            await Task.WhenAny(there, back);
            await cut.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side went away.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(upstream, out _);
            client.Dispose();
        }
    }
}
