using System.Net.Sockets;
using System.Text;
using CooperationPlatform.AppHost.Containers;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>A Redis server used as a cache: no persistence, loopback only.</summary>
public sealed class RedisResource(string name, int preferredPort) : Resource(name), IResourceWithConnectionString
{
    public string ConnectionString { get; private set; } = "";
    public override string? DisplayUrl => ConnectionString.Length == 0 ? null : $"redis://{ConnectionString.Split(',')[0]}";

    internal override async Task StartAsync(HostContext context, CancellationToken cancellationToken)
    {
        if (context.Options.ExternalConnectionStrings.TryGetValue(Name, out var external))
        {
            ConnectionString = external;
        }
        else if (context.Options.UseContainers)
        {
            (Process, ConnectionString) = await ServerContainers.StartRedisAsync(Name, preferredPort, context, cancellationToken);
        }
        else
        {
            await ServerBinaries.EnsureInstalledAsync(context, cancellationToken);
            var port = context.Port(preferredPort);
            var dataDirectory = Path.Combine(context.DataDirectory, Name);
            System.IO.Directory.CreateDirectory(dataDirectory);
            Process = ManagedProcess.Start(Name, ServerBinaries.RedisServer()!,
                ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", dataDirectory, "--save", "", "--appendonly", "no", "--maxmemory-policy", "allkeys-lru"],
                context);
            ConnectionString = $"127.0.0.1:{port}";
        }
        var endpoint = ConnectionString.Split(',')[0];
        var host = endpoint[..endpoint.LastIndexOf(':')];
        var redisPort = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..]);
        await Readiness.PollAsync(Name, Process, () => PingAsync(host, redisPort, cancellationToken), cancellationToken);
    }

    internal override async Task StopAsync()
    {
        if (Process is not null)
        {
            await Process.StopAsync();
        }
    }

    private static async Task PingAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        // "-LOADING" while a dataset loads: not ready yet.
        if (!Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Redis is not ready yet.");
        }
    }
}
