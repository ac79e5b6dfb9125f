using Aspire.Hosting.ApplicationModel;
using CooperationPlatform.AppHost.LocalServers;
using CooperationPlatform.AppHost.Services;

namespace CooperationPlatform.AppHost.Containers;

/// <summary>A server (PostgreSQL, Redis, RabbitMQ) as a container of the image eng/containers/build-images.sh builds.</summary>
public sealed class ServerContainerResource(string name, Func<EndpointReference, ReferenceExpression> connectionString)
    : ContainerResource(name), IResourceWithConnectionString
{
    public EndpointReference Endpoint => new(this, "tcp");
    public ReferenceExpression ConnectionStringExpression => connectionString(Endpoint);
}

/// <summary>A service or the gateway as a container of its image.</summary>
public sealed class ServiceContainerResource(string name) : ContainerResource(name), IPlatformService;

/// <summary>
/// Container mode: the images are built here (no image registry is reachable), so they are never pulled. Inside the containers'
/// network each resource is reached by its name; the host reaches the same ports on 127.0.0.1 as in process mode.
/// </summary>
public static class PlatformContainerExtensions
{
    public const string ImageTag = "dev";
    public const int ServicePort = 8080;

    /// <summary>The named volume that keeps a server's data between runs (<c>--fresh</c> removes it).</summary>
    public static string DataVolume(string server) => $"cooperation-{server}-data";

    public static readonly string[] ServerImages = ["cooperation/postgres:15", "cooperation/redis:7", "cooperation/rabbitmq:3.10"];

    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresContainer(this IDistributedApplicationBuilder builder, string name, int port,
        bool ephemeral) =>
        builder.AddServerContainer(name, "cooperation/postgres", "15", port, 5432, ephemeral ? null : "/var/lib/postgresql/data",
                endpoint => ReferenceExpression.Create(
                    $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={PostgresServerResource.User};Password={PostgresServerResource.DevelopmentPassword}"))
            .WithEnvironment("POSTGRES_PASSWORD", PostgresServerResource.DevelopmentPassword)
            .WithArgs(ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [])
            .WithProbe(ServerProbes.PostgresAsync);

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisContainer(this IDistributedApplicationBuilder builder, string name, int port) =>
        builder.AddServerContainer(name, "cooperation/redis", "7", port, 6379, dataPath: null,
                endpoint => ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"))
            .WithProbe(ServerProbes.RedisAsync);

    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqContainer(this IDistributedApplicationBuilder builder, string name, int port,
        bool ephemeral) =>
        builder.AddServerContainer(name, "cooperation/rabbitmq", "3.10", port, 5672, ephemeral ? null : "/var/lib/rabbitmq",
                endpoint => ReferenceExpression.Create($"amqp://guest:guest@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"))
            .WithProbe(ServerProbes.RabbitMqAsync);

    public static IResourceBuilder<IPlatformService> AddServiceContainer(this IDistributedApplicationBuilder builder, string name, int port) =>
        builder.AddResource(new ServiceContainerResource(name))
            .WithImage($"cooperation/{name}", ImageTag)
            .WithImagePullPolicy(ImagePullPolicy.Never)
            .WithHttpEndpoint(port: port, targetPort: ServicePort, isProxied: false)
            .WithPodmanDefaults()
            .WithServiceDefaults()
            .WithIconName("Box");

    /// <summary>
    /// The AppHost probes readiness itself: podman's health-check timers need systemd, which this kind of machine lacks. The limits
    /// are RabbitMQ's and .NET's, for a podman without containers.conf.
    /// </summary>
    private static IResourceBuilder<T> WithPodmanDefaults<T>(this IResourceBuilder<T> container) where T : ContainerResource =>
        container.WithContainerRuntimeArgs("--no-healthcheck", "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768");

    private static IResourceBuilder<ServerContainerResource> AddServerContainer(this IDistributedApplicationBuilder builder, string name, string image,
        string tag, int port, int containerPort, string? dataPath, Func<EndpointReference, ReferenceExpression> connectionString)
    {
        var server = builder.AddResource(new ServerContainerResource(name, connectionString))
            .WithImage(image, tag)
            .WithImagePullPolicy(ImagePullPolicy.Never)
            .WithEndpoint(port: port, targetPort: containerPort, name: "tcp", scheme: "tcp", isProxied: false)
            .WithPodmanDefaults();
        // Throw-away stacks keep data in the container, removed with it; a developer's stack keeps it in a named volume.
        return dataPath is null ? server : server.WithVolume(DataVolume(name), dataPath);
    }
}
