using System.Net.Sockets;
using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.AppHost.Containers;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ as containers. Each returns the connection string the host uses (the port published on
/// 127.0.0.1); <see cref="NetworkConnectionString"/> gives the one containers use (the resource's name on the network).
/// </summary>
public static class ServerContainers
{
    public const string PostgresPassword = "postgres";
    private const int PostgresPort = 5432, RedisPort = 6379, AmqpPort = 5672;

    public static async Task<(ManagedProcess Process, string ConnectionString)> StartPostgresAsync(string name, int preferredPort, HostContext context, CancellationToken cancellationToken)
    {
        var port = context.Port(preferredPort);
        var process = await ContainerRuntime.RunAsync(context, name, ServerImages.Postgres,
            new Dictionary<string, string?> { ["POSTGRES_PASSWORD"] = PostgresPassword },
            [(port, PostgresPort)], DataVolumes(context, name, "/var/lib/postgresql/data"),
            context.Options.Ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [],
            cancellationToken);
        return (process, $"Host=127.0.0.1;Port={port};Username=postgres;Password={PostgresPassword}");
    }

    public static async Task<(ManagedProcess Process, string ConnectionString)> StartRedisAsync(string name, int preferredPort, HostContext context, CancellationToken cancellationToken)
    {
        var port = context.Port(preferredPort);
        var process = await ContainerRuntime.RunAsync(context, name, ServerImages.Redis, new Dictionary<string, string?>(), [(port, RedisPort)],
            cancellationToken: cancellationToken);
        return (process, $"127.0.0.1:{port}");
    }

    public static async Task<(ManagedProcess Process, string ConnectionString)> StartRabbitMqAsync(string name, int preferredPort, HostContext context, CancellationToken cancellationToken)
    {
        var port = context.Port(preferredPort);
        var process = await ContainerRuntime.RunAsync(context, name, ServerImages.RabbitMq, new Dictionary<string, string?>(), [(port, AmqpPort)],
            DataVolumes(context, name, "/var/lib/rabbitmq"), cancellationToken: cancellationToken);
        await Readiness.PollAsync(name, process, () => AmqpHandshakeAsync(port, cancellationToken), cancellationToken);
        return (process, $"amqp://guest:guest@127.0.0.1:{port}");
    }

    /// <summary>How a container reaches a server: by its name on the network, on the server's own port. External servers as given.</summary>
    public static string NetworkConnectionString(IResourceWithConnectionString resource, HostContext context) => resource switch
    {
        _ when context.Options.ExternalConnectionStrings.ContainsKey(ServerOf(resource).Name) => resource.ConnectionString,
        PostgresDatabaseResource database =>
            $"Host={database.Server.Name};Port={PostgresPort};Username=postgres;Password={PostgresPassword};Database={database.DatabaseName}",
        PostgresServerResource server => $"Host={server.Name};Port={PostgresPort};Username=postgres;Password={PostgresPassword}",
        RedisResource redis => $"{redis.Name}:{RedisPort}",
        RabbitMqResource rabbit => $"amqp://guest:guest@{rabbit.Name}:{AmqpPort}",
        _ => resource.ConnectionString,
    };

    private static IResourceWithConnectionString ServerOf(IResourceWithConnectionString resource) =>
        resource is PostgresDatabaseResource database ? database.Server : resource;

    /// <summary>Throw-away stacks (tests) keep data in the container's anonymous volume, removed with it.</summary>
    private static string[] DataVolumes(HostContext context, string name, string mountPath) =>
        context.Options.Ephemeral ? [] : [ContainerRuntime.DataVolume(context, name, mountPath)];

    /// <summary>Ready when the broker answers the AMQP 0-9-1 protocol header with its Connection.Start method frame.</summary>
    private static async Task AmqpHandshakeAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), cancellationToken);
        var frame = new byte[8];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var read = await stream.ReadAsync(frame, timeout.Token);
        if (read < 1 || frame[0] != 1)
        {
            throw new InvalidOperationException("RabbitMQ does not accept AMQP connections yet.");
        }
    }
}
