using System.Runtime.InteropServices;
using CooperationPlatform.AppHost.Containers;

namespace CooperationPlatform.AppHost.Hosting;

/// <summary>
/// A service of the solution, started as a process with the environment an Aspire AppHost would inject:
/// <c>ConnectionStrings__{name}</c>, <c>services__{name}__http__0</c>, <c>OTEL_SERVICE_NAME</c> and its URL.
/// </summary>
public sealed class ProjectResource(string name, string projectPath, int preferredPort) : Resource(name)
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly List<IResourceWithConnectionString> _connections = [];
    private readonly List<ProjectResource> _services = [];
    private readonly Dictionary<string, string> _environment = [];

    /// <summary>The project folder, relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;
    public Uri? Url { get; private set; }
    public override string? DisplayUrl => Url?.ToString();
    public IReadOnlyList<IResourceWithConnectionString> ConnectionReferences => _connections;
    public IReadOnlyList<ProjectResource> ServiceReferences => _services;

    /// <summary>A fixed port the service listens on whatever the host's port policy (the gateway's public port); 0 lets the host choose.</summary>
    public int? FixedPort { get; set; }

    public ProjectResource WithReference(IResourceWithConnectionString resource)
    {
        _connections.Add(resource);
        return this;
    }

    public ProjectResource WithReference(ProjectResource service)
    {
        _services.Add(service);
        return this;
    }

    public ProjectResource WithEnvironment(string key, string value)
    {
        _environment[key] = value;
        return this;
    }

    public ProjectResource WaitFor(Resource resource)
    {
        WaitsFor.Add(resource);
        return this;
    }

    public ProjectResource WaitFor(PostgresDatabaseResource database) => WaitFor(database.Server);

    internal override async Task StartAsync(HostContext context, CancellationToken cancellationToken)
    {
        var url = AssignUrl(context);
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = Name,
            ["DOTNET_gcServer"] = "0",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var reference in _connections)
        {
            environment[$"ConnectionStrings__{reference.Name}"] = reference.ConnectionString;
        }
        foreach (var service in _services)
        {
            environment[$"services__{service.Name}__http__0"] = service.AssignUrl(context).ToString().TrimEnd('/');
        }
        foreach (var (key, value) in context.Options.ServiceEnvironment.Concat(_environment))
        {
            environment[key] = value;
        }

        if (context.Options.UseContainers)
        {
            Process = await ServiceContainers.StartAsync(this, environment, context, cancellationToken);
        }
        else
        {
            var assembly = ProjectAssembly(context);
            Process = ManagedProcess.Start(Name, "dotnet", [assembly], context, environment, Path.GetDirectoryName(assembly));
        }
        var health = new Uri(url, "/health");
        await Readiness.PollAsync(Name, Process, async () =>
        {
            using var response = await Probe.GetAsync(health, cancellationToken);
            response.EnsureSuccessStatusCode();
        }, cancellationToken);
    }

    /// <summary>
    /// The service's address, fixed the first time anyone needs it: when it starts, or when a service that references it
    /// starts first (references need not wait). A restarted service keeps it.
    /// </summary>
    internal Uri AssignUrl(HostContext context)
    {
        lock (_environment)
        {
            if (Url is null)
            {
                var port = FixedPort ?? context.Port(preferredPort);
                Url = new Uri($"http://127.0.0.1:{(port == 0 ? FreePort.Next() : port)}");
            }
            return Url;
        }
    }

    internal override async Task StopAsync()
    {
        if (Process is not null)
        {
            await Process.StopAsync(PosixSignal.SIGTERM, TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The built assembly: <c>{project}/bin/{configuration}/net10.0/{AssemblyName}.dll</c>, named after the project file.</summary>
    private string ProjectAssembly(HostContext context)
    {
        var projectDirectory = Path.Combine(context.Options.RepositoryRoot, ProjectPath);
        var projectFile = System.IO.Directory.GetFiles(projectDirectory, "*.csproj").Single();
        var output = Path.Combine(projectDirectory, "bin", context.Options.Configuration, "net10.0");
        var assemblyName = System.Xml.Linq.XDocument.Load(projectFile).Descendants("AssemblyName").FirstOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(projectFile);
        var assembly = Path.Combine(output, assemblyName + ".dll");
        return File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException($"{Name}: {assembly} is missing. Build the solution first (dotnet build -c {context.Options.Configuration}).");
    }
}
