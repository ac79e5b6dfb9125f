using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.Bench;

/// <summary>
/// The stack a scenario measures, started here through the AppHost library (free ports, a temporary folder): every scenario
/// needs its servers, its databases or its development client.
/// </summary>
public sealed class BenchContext : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private BenchContext(PlatformHost host, string dataDirectory, Uri gateway, TimeSpan duration)
    {
        Host = host;
        _dataDirectory = dataDirectory;
        GatewayUrl = gateway;
        Duration = duration;
    }

    public Uri GatewayUrl { get; }
    public TimeSpan Duration { get; }
    public PlatformHost Host { get; }

    public Uri ServiceUrl(string resourceName) => Host.Get<ProjectResource>(resourceName).Url!;
    public string ConnectionString(string resourceName) => Host.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == resourceName).ConnectionString;
    public string DatabaseConnectionString(string database) =>
        Host.Get<PostgresServerResource>("postgres").Databases.Single(d => d.DatabaseName == database).ConnectionString;

    /// <summary>A token for the development client (every scope) from the gateway's token endpoint.</summary>
    public async Task<string> AccessTokenAsync(string scopes, CancellationToken cancellationToken)
    {
        var secrets = PlatformSecrets.LoadOrCreate(Host.Options.DataDirectory);
        using var gateway = new HttpClient { BaseAddress = GatewayUrl };
        try
        {
            return await GatewayTokens.AccessTokenAsync(gateway, PlatformSecrets.DevelopmentClientId, secrets.DevelopmentClientSecret, scopes, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"{e.Message} (the gateway seeds the development client only in the Development environment)", e);
        }
    }

    public static async Task<BenchContext> StartAsync(TimeSpan duration, string configuration)
    {
        var root = PlatformHostOptions.FindRepositoryRoot();
        var dataDirectory = System.IO.Directory.CreateTempSubdirectory("cooperation-bench-").FullName;
        var options = new PlatformHostOptions
        {
            RepositoryRoot = root,
            DataDirectory = dataDirectory,
            UseFreePorts = true,
            StreamLogs = false,
            Configuration = configuration,
            // The services keep the AppHost's Development environment: the scenarios write with the development client, which the
            // gateway seeds only there. (An ASPNETCORE_ENVIRONMENT of Production here changed nothing: the AppHost's
            // DOTNET_ENVIRONMENT wins.)
            ServiceEnvironment = new Dictionary<string, string>
            {
                // Benchmarks measure the services, not their console logging.
                ["Logging__LogLevel__Default"] = "Warning",
                // The load comes from one client at one address: the production limits would answer most of it with 429. The limiter
                // still counts every request, so its cost stays in the figures.
                ["Gateway__RateLimits__ClientPermits"] = "1000000000",
                ["Gateway__RateLimits__AnonymousPermits"] = "1000000000",
            },
        };
        var host = PlatformTopology.Declare(options, gatewayPort: 0).Build();
        Console.WriteLine($"Starting the stack ({configuration}) in {dataDirectory}...");
        await host.StartAsync();
        Console.WriteLine($"Stack up in {host.StartDuration.TotalSeconds:0.0} s.");
        return new BenchContext(host, dataDirectory, host.Get<ProjectResource>("gateway").Url!, duration);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        System.IO.Directory.Delete(_dataDirectory, recursive: true);
    }
}
