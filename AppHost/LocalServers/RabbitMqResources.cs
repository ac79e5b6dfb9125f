using Aspire.Hosting.ApplicationModel;

namespace CooperationPlatform.AppHost.LocalServers;

/// <summary>
/// A RabbitMQ broker from the machine's packages, with its own Erlang port mapper (a child resource), node name and data folder,
/// so that several brokers run side by side (a developer's stack and the tests').
/// </summary>
public sealed class RabbitMqServerResource(string name, string command, string home)
    : ExecutableResource(name, command, home), IResourceWithConnectionString
{
    public EndpointReference Endpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

/// <summary>
/// The broker's Erlang port mapper, in the foreground, so that it stops with the stack instead of outliving it. Shown under the
/// broker, but not its child in the model: the broker waits for it.
/// </summary>
public sealed class ErlangPortMapperResource(string name, string command, string workingDirectory) : ExecutableResource(name, command, workingDirectory);

public static class RabbitMqResourceExtensions
{
    /// <param name="distributionPort">Erlang distribution's port; the port mapper takes the next one.</param>
    public static IResourceBuilder<RabbitMqServerResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, int port,
        int distributionPort, int portMapperPort, string dataRoot)
    {
        var bin = ServerPackages.RabbitMqBinDirectory() ?? throw new PlatformStartException("RabbitMQ's binaries were not found.");
        var home = Path.Combine(dataRoot, name);
        Directory.CreateDirectory(home);
        var pidFile = Path.Combine(home, "rabbitmq.pid");
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(home, "rabbitmq.conf"),
            """
            loopback_users.guest = true
            disk_free_limit.absolute = 50MB
            vm_memory_high_watermark.relative = 0.2
            """);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = $"{name}-{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(invariant),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(invariant),
            ["ERL_EPMD_PORT"] = portMapperPort.ToString(invariant),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(home, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(home, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = pidFile,
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(home, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(home, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(home, "rabbitmq-env.conf"),
        };

        var broker = new RabbitMqServerResource(name, OwnSession.Command, home);
        var portMapper = builder.AddResource(new ErlangPortMapperResource($"{name}-epmd", OwnSession.Command, home))
            .WithParentRelationship(broker)
            .WithArgs(ServerPackages.Epmd() ?? throw new PlatformStartException("epmd (Erlang) was not found."), "-port", portMapperPort.ToString(invariant), "-address", "127.0.0.1")
            .WithEnvironment(context => Apply(environment, context));

        return builder.AddResource(broker)
            .WithArgs(Path.Combine(bin, "rabbitmq-server"))
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "amqp", isProxied: false)
            .WithEnvironment(context => Apply(environment, context))
            .WithProbe(ServerProbes.RabbitMqAsync)
            .WaitFor(portMapper)
            .WithIconName("Mailbox");
    }

    private static void Apply(Dictionary<string, string> environment, EnvironmentCallbackContext context)
    {
        foreach (var (key, value) in environment)
        {
            context.EnvironmentVariables[key] = value;
        }
    }
}
