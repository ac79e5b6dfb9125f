namespace CooperationPlatform.AppHost.Hosting;

public sealed record PlatformHostOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary>Data and logs of every local server. Kept between runs unless <see cref="Fresh"/>.</summary>
    public required string DataDirectory { get; init; }

    public bool Fresh { get; init; }

    /// <summary>Every port is picked free at start (tests); otherwise the fixed ports of the topology.</summary>
    public bool UseFreePorts { get; init; }

    /// <summary>Trades durability for speed (fsync off): for throw-away test data only.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Put before every database name, so that several stacks can share one PostgreSQL server (tests).</summary>
    public string DatabaseNamePrefix { get; init; } = "";

    /// <summary>Runs every resource as a podman container of its image (<c>--containers</c>; see AppHost/Containers).</summary>
    public bool UseContainers { get; init; }

    /// <summary>The podman network of container mode; containers are named after it and reachable by resource name inside it.</summary>
    public string ContainerNetwork { get; init; } = "cooperation";

    public string ContainerImageTag { get; init; } = "dev";

    public bool SkipBuild { get; init; }
    public string Configuration { get; init; } = "Debug";
    public bool StreamLogs { get; init; } = true;
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Connection strings given from outside (<c>ConnectionStrings__postgres</c> and so on): those servers are used, not started.</summary>
    public IReadOnlyDictionary<string, string> ExternalConnectionStrings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra environment for every service, such as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    public static string FindRepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CooperationPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CooperationPlatform.sln was not found above " + (start ?? AppContext.BaseDirectory));
    }

    /// <summary>Reads <c>ConnectionStrings__{name}</c> from the environment for each infrastructure resource.</summary>
    public static IReadOnlyDictionary<string, string> ConnectionStringsFromEnvironment(params string[] names) =>
        names.Select(name => (name, value: Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")))
            .Where(pair => !string.IsNullOrWhiteSpace(pair.value))
            .ToDictionary(pair => pair.name, pair => pair.value!);
}
