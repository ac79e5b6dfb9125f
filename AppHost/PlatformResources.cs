using Aspire.Hosting.ApplicationModel;
using CooperationPlatform.AppHost.Containers;
using CooperationPlatform.AppHost.LocalServers;
using CooperationPlatform.AppHost.Services;
using Microsoft.Extensions.Configuration;

namespace CooperationPlatform.AppHost;

/// <summary>
/// Declares each resource the way this run needs it: a server given from outside (<c>ConnectionStrings__{name}</c>), a container
/// (<c>--containers</c>) or a local process; a deployable as a container or as a process of its built assembly.
/// </summary>
public sealed class PlatformResources(IDistributedApplicationBuilder builder, PlatformOptions options)
{
    public IResourceBuilder<IResourceWithConnectionString> AddPostgres(string name, int port) =>
        External(name) ?? (options.Containers
            ? builder.AddPostgresContainer(name, options.Port(name, port), options.Ephemeral)
            : builder.AddLocalPostgres(name, options.Port(name, port), options.DataDirectory, options.Ephemeral));

    public IResourceBuilder<PostgresDatabaseResource> AddDatabase(IResourceBuilder<IResourceWithConnectionString> server, string name) =>
        server.AddDatabase(name, options.DatabasePrefix + name);

    public IResourceBuilder<IResourceWithConnectionString> AddRedis(string name, int port) =>
        External(name) ?? (options.Containers
            ? builder.AddRedisContainer(name, options.Port(name, port))
            : builder.AddLocalRedis(name, options.Port(name, port), options.DataDirectory));

    /// <param name="port">AMQP's port; a local broker also takes the next two, for Erlang distribution and its port mapper.</param>
    public IResourceBuilder<IResourceWithConnectionString> AddRabbitMq(string name, int port) =>
        External(name) ?? (options.Containers
            ? builder.AddRabbitMqContainer(name, options.Port(name, port), options.Ephemeral)
            : builder.AddLocalRabbitMq(name, options.Port(name, port), options.Port($"{name} distribution", port + 1),
                options.Port($"{name} port mapper", port + 2), options.DataDirectory));

    public IResourceBuilder<IPlatformService> AddService<TProject>(string name, int port) where TProject : IProjectMetadata, new() =>
        options.Containers
            ? builder.AddServiceContainer(name, options.Port(name, port))
            : builder.AddServiceExecutable<TProject>(name, options.Port(name, port));

    private IResourceBuilder<IResourceWithConnectionString>? External(string name) =>
        builder.Configuration.GetConnectionString(name) is { Length: > 0 } ? builder.AddConnectionString(name) : null;
}
