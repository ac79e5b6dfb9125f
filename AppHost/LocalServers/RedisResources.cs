using Aspire.Hosting.ApplicationModel;

namespace CooperationPlatform.AppHost.LocalServers;

/// <summary>Redis from the machine's binary, used as a cache: no persistence, loopback only.</summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Endpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

public static class RedisResourceExtensions
{
    public static IResourceBuilder<RedisServerResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, int port, string dataRoot)
    {
        var dataDirectory = Path.Combine(dataRoot, name);
        Directory.CreateDirectory(dataDirectory);
        var redisServer = ServerPackages.RedisServer() ?? throw new PlatformStartException("redis-server was not found.");
        var redis = new RedisServerResource(name, OwnSession.Command, dataDirectory);

        return builder.AddResource(redis)
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(redisServer, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dataDirectory,
                "--save", "", "--appendonly", "no", "--maxmemory-policy", "allkeys-lru")
            .WithProbe(ServerProbes.RedisAsync)
            .WithIconName("Memory");
    }
}
