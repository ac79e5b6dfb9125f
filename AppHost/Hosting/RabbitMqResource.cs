using CooperationPlatform.AppHost.Containers;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// A RabbitMQ broker with its own Erlang port mapper, node name and data folder, so that several can run side by side.
/// Readiness is <c>rabbitmqctl wait</c> on its pid file.
/// </summary>
public sealed class RabbitMqResource(string name, int preferredPort) : Resource(name), IResourceWithConnectionString
{
    private ManagedProcess? _portMapper;

    public string ConnectionString { get; private set; } = "";
    public override string? DisplayUrl => ConnectionString.Length == 0 ? null : new Uri(ConnectionString).GetLeftPart(UriPartial.Authority).Replace("guest:guest@", "");

    internal override async Task StartAsync(HostContext context, CancellationToken cancellationToken)
    {
        if (context.Options.ExternalConnectionStrings.TryGetValue(Name, out var external))
        {
            ConnectionString = external;
            return;
        }
        if (context.Options.UseContainers)
        {
            (Process, ConnectionString) = await ServerContainers.StartRabbitMqAsync(Name, preferredPort, context, cancellationToken);
            return;
        }
        await ServerBinaries.EnsureInstalledAsync(context, cancellationToken);
        var bin = ServerBinaries.RabbitMqBinDirectory()!;
        var port = context.Port(preferredPort);
        var distributionPort = context.Options.UseFreePorts ? FreePort.Next() : preferredPort + 1;
        var portMapperPort = context.Options.UseFreePorts ? FreePort.Next() : preferredPort + 2;
        var home = Path.Combine(context.DataDirectory, Name);
        System.IO.Directory.CreateDirectory(home);
        var pidFile = Path.Combine(home, "rabbitmq.pid");
        File.Delete(pidFile);
        await File.WriteAllTextAsync(Path.Combine(home, "enabled_plugins"), "[].", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(home, "rabbitmq.conf"),
            """
            loopback_users.guest = true
            disk_free_limit.absolute = 50MB
            vm_memory_high_watermark.relative = 0.2
            """, cancellationToken);

        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = $"{Name}-{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
            ["ERL_EPMD_PORT"] = portMapperPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(home, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(home, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = pidFile,
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(home, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(home, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(home, "rabbitmq-env.conf"),
        };

        // Our own port mapper, in the foreground, so that it stops with the broker instead of outliving it.
        _portMapper = ManagedProcess.Start(Name + "-epmd", ServerBinaries.Epmd()!, ["-port", portMapperPort.ToString(), "-address", "127.0.0.1"], context, environment);
        Process = ManagedProcess.Start(Name, Path.Combine(bin, "rabbitmq-server"), [], context, environment);
        ConnectionString = $"amqp://guest:guest@127.0.0.1:{port}";

        await Readiness.PollAsync(Name, Process, () => ServerBinaries.RunToCompletionAsync(
            Path.Combine(bin, "rabbitmqctl"), ["wait", "--timeout", "5", pidFile], cancellationToken, environment), cancellationToken);
    }

    internal override async Task StopAsync()
    {
        if (Process is not null)
        {
            await Process.StopAsync(grace: TimeSpan.FromSeconds(15));
        }
        if (_portMapper is not null)
        {
            await _portMapper.StopAsync();
        }
    }
}
