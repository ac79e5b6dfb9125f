namespace CooperationPlatform.AppHost.Hosting;

public enum ResourceState { Pending, Starting, Running, Exited, Failed, Stopped }

/// <summary>Something the AppHost starts and waits for: a server, a database or a service.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;
    public ResourceState State { get; internal set; } = ResourceState.Pending;
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>The process behind the resource, when the AppHost started one.</summary>
    public ManagedProcess? Process { get; protected set; }

    /// <summary>The address shown in the status table.</summary>
    public virtual string? DisplayUrl => null;

    internal abstract Task StartAsync(HostContext context, CancellationToken cancellationToken);

    internal abstract Task StopAsync();
}

/// <summary>A resource that others reference by a connection string, as Aspire's <c>ConnectionStrings:{name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }
    string ConnectionString { get; }
}
