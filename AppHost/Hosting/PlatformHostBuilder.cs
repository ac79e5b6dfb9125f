namespace CooperationPlatform.AppHost.Hosting;

/// <summary>Declares the resources of a platform, in the spirit of Aspire's <c>DistributedApplicationBuilder</c>.</summary>
public sealed class PlatformHostBuilder(PlatformHostOptions options)
{
    private readonly List<Resource> _resources = [];

    public PlatformHostOptions Options { get; } = options;

    public PostgresServerResource AddPostgres(string name, int port) => Add(new PostgresServerResource(name, port, Options.DatabaseNamePrefix));

    public RedisResource AddRedis(string name, int port) => Add(new RedisResource(name, port));

    public RabbitMqResource AddRabbitMQ(string name, int port) => Add(new RabbitMqResource(name, port));

    public ProjectResource AddProject(string name, string projectPath, int port) => Add(new ProjectResource(name, projectPath, port));

    public PlatformHost Build() => new(Options, _resources);

    private T Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }
        _resources.Add(resource);
        return resource;
    }
}
