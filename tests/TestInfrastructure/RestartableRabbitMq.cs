using System.Net;
using System.Net.Sockets;
using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.Testing;

/// <summary>
/// A RabbitMQ broker of a test's own that can be stopped and started again on the same port and data folder,
/// so that clients see an outage and then the same broker come back.
/// </summary>
public sealed class RestartableRabbitMq : IAsyncDisposable
{
    private const string ResourceName = "broker";
    private readonly string _dataDirectory = TestDirectories.Create("broker");
    // The broker also takes the next two ports, for Erlang distribution and its port mapper.
    private readonly int _port = FreePortRange(3);
    private PlatformHost? _host;

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The broker is already running.");
        }
        var options = TestDirectories.Options(_dataDirectory) with
        {
            UseFreePorts = false,
            ExternalConnectionStrings = new Dictionary<string, string>(),
        };
        var builder = new PlatformHostBuilder(options);
        builder.AddRabbitMQ(ResourceName, _port);
        var host = builder.Build();
        await host.StartAsync();
        _host = host;
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        TestDirectories.Delete(_dataDirectory);
    }

    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = FreePort.Next();
            if (first + count <= IPEndPoint.MaxPort && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }
        throw new InvalidOperationException($"No {count} consecutive free ports were found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
