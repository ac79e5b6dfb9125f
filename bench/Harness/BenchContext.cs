using CooperationPlatform.AppHost;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Bench;

/// <summary>
/// The stack a scenario measures: the real AppHost, started as the tests start it (free ports, a temporary folder), in the bench's
/// build configuration. Every scenario needs its servers, its databases or its development client.
/// </summary>
public sealed class BenchContext : IAsyncDisposable
{
    private static readonly string[] Servers = ["postgres", "cache", "messaging"];
    private static readonly string[] Databases = ["directorydb", "portfoliodb", "eventsdb", "analyticsdb", "gatewaydb"];
    private readonly Dictionary<string, string> _connectionStrings;

    private BenchContext(AppHostStack stack, Dictionary<string, string> connectionStrings, TimeSpan duration)
    {
        Stack = stack;
        _connectionStrings = connectionStrings;
        GatewayUrl = stack.Endpoint("gateway");
        Duration = duration;
    }

    public AppHostStack Stack { get; }
    public Uri GatewayUrl { get; }
    public TimeSpan Duration { get; }

    public Uri ServiceUrl(string resourceName) => Stack.Endpoint(resourceName);
    public string ConnectionString(string resourceName) => _connectionStrings[resourceName];
    public string DatabaseConnectionString(string database) => _connectionStrings[database];
    public int ProcessId(string resourceName) => Stack.ProcessIdAsync(resourceName).GetAwaiter().GetResult();

    /// <summary>A token for the development client (every scope) from the gateway's token endpoint.</summary>
    public async Task<string> AccessTokenAsync(string scopes, CancellationToken cancellationToken)
    {
        using var gateway = new HttpClient { BaseAddress = GatewayUrl };
        try
        {
            return await GatewayTokens.AccessTokenAsync(gateway, PlatformSecrets.DevelopmentClientId, Stack.Secrets.DevelopmentClientSecret, scopes, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"{e.Message} (the gateway seeds the development client only in the Development environment)", e);
        }
    }

    public static async Task<BenchContext> StartAsync(TimeSpan duration, string configuration)
    {
        Console.WriteLine($"Starting the stack ({configuration}) through the AppHost...");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The services keep the AppHost's Development environment: the scenarios write with the development client, which the
        // gateway seeds only there.
        var stack = await AppHostStack.StartAsync("bench", serviceEnvironment: new Dictionary<string, string>
        {
            // Benchmarks measure the services, not their logging.
            ["Logging__LogLevel__Default"] = "Warning",
            // The load comes from one client at one address: the production limits would answer most of it with 429. The limiter
            // still counts every request, so its cost stays in the figures.
            ["Gateway__RateLimits__ClientPermits"] = "1000000000",
            ["Gateway__RateLimits__AnonymousPermits"] = "1000000000",
            ["Gateway__RateLimits__TokenPermits"] = "1000000000",
        });
        var connectionStrings = new Dictionary<string, string>();
        foreach (var name in Servers.Concat(Databases))
        {
            connectionStrings[name] = await stack.ConnectionStringAsync(name);
        }
        Console.WriteLine($"Stack up in {clock.Elapsed.TotalSeconds:0.0} s.");
        return new BenchContext(stack, connectionStrings, duration);
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
