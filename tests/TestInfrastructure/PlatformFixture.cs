using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Demo;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Testing;

/// <summary>
/// The whole platform as the AppHost starts it (servers, four services, gateway), under Aspire.Hosting.Testing, isolated from any
/// other stack on the machine. Use it as an assembly fixture.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public AppHostStack Stack { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public PartnerAccess Partners { get; private set; } = null!;
    public string DataDirectory => Stack.DataDirectory;

    public async ValueTask InitializeAsync()
    {
        Stack = await AppHostStack.StartAsync("platform");
        Gateway = new HttpClient { BaseAddress = ServiceUrl("gateway"), Timeout = TimeSpan.FromSeconds(30) };
        Partners = new PartnerAccess(Gateway, Stack.Secrets);
    }

    public Uri ServiceUrl(string resourceName) => Stack.Endpoint(resourceName);

    public Task<string> ConnectionStringAsync(string resourceName) => Stack.ConnectionStringAsync(resourceName);

    /// <summary>The AppHost's arguments that put another stack on this one's servers, its databases named apart by a prefix.</summary>
    public async Task<string[]> SharedServersArgumentsAsync() =>
    [
        $"--ConnectionStrings:postgres={await ConnectionStringAsync("postgres")}",
        $"--ConnectionStrings:cache={await ConnectionStringAsync("cache")}",
        $"--ConnectionStrings:messaging={await ConnectionStringAsync("messaging")}",
        "--database-prefix", $"s{Guid.NewGuid():N}"[..9] + "_",
    ];

    /// <summary>
    /// Loads the demo data (the source documents' institutions, networks, projects and events) through the gateway, as the AppHost
    /// does, as a partner client of its own (so its rate limit is its own). Idempotent: a second load creates nothing.
    /// </summary>
    public async Task<DemoLoadReport> LoadDemoDataAsync(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var client = await Partners.RegisterClientAsync("demo-loader", [.. PlatformScopes.All], cancellationToken);
        return await DemoDataLoader.LoadAsync(Gateway.BaseAddress!, client.ClientId, client.ClientSecret, log ?? (_ => { }), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }
}
