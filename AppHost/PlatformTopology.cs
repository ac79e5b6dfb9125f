using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.AppHost;

/// <summary>The whole platform at a glance: what runs, what each service references and waits for.</summary>
public static class PlatformTopology
{
    public const int GatewayPort = 8080;

    /// <param name="gatewayPort">0 picks a free port (tests, benchmarks).</param>
    public static PlatformHostBuilder Declare(PlatformHostOptions options, int gatewayPort = GatewayPort)
    {
        var builder = new PlatformHostBuilder(options);
        var secrets = PlatformSecrets.LoadOrCreate(options.DataDirectory);
        // Known before anything starts: the gateway issues the tokens every service validates.
        var gatewayUrl = $"http://127.0.0.1:{(gatewayPort == 0 ? FreePort.Next() : gatewayPort)}";

        var postgres = builder.AddPostgres("postgres", port: 55432);
        var cache = builder.AddRedis("cache", port: 56379);
        var messaging = builder.AddRabbitMQ("messaging", port: 55672);

        // Every service: its own database, the shared cache and broker, and the gateway as its token authority.
        ProjectResource Service(string name, string projectPath, int port, string database)
        {
            var db = postgres.AddDatabase(database);
            return builder.AddProject(name, projectPath, port)
                .WithReference(db).WithReference(cache).WithReference(messaging)
                .WithEnvironment("Authentication__Authority", gatewayUrl)
                .WaitFor(db).WaitFor(cache).WaitFor(messaging);
        }

        var directory = Service("directory-api", "services/Directory", 5101, "directorydb");
        var portfolio = Service("portfolio-api", "services/Portfolio", 5102, "portfoliodb");
        var events = Service("events-api", "services/Events", 5103, "eventsdb");
        // Analytics learns everything from messages; it calls the others only to rebuild its projections from their snapshots.
        var analytics = Service("analytics-api", "services/Analytics", 5104, "analyticsdb")
            .WithReference(directory).WithReference(portfolio).WithReference(events);

        var gatewayDb = postgres.AddDatabase("gatewaydb");
        var gateway = builder.AddProject("gateway", "gateway", port: gatewayPort)
            .WithReference(directory).WithReference(portfolio).WithReference(events).WithReference(analytics)
            .WithReference(gatewayDb).WithReference(cache)
            .WithEnvironment("Gateway__Issuer", gatewayUrl)
            .WithEnvironment("Gateway__SigningKey", secrets.GatewaySigningKey)
            .WithEnvironment("Gateway__DevelopmentClient__Id", PlatformSecrets.DevelopmentClientId)
            .WithEnvironment("Gateway__DevelopmentClient__Secret", secrets.DevelopmentClientSecret)
            .WaitFor(gatewayDb).WaitFor(cache)
            .WaitFor(directory).WaitFor(portfolio).WaitFor(events).WaitFor(analytics);
        gateway.FixedPort = new Uri(gatewayUrl).Port;

        return builder;
    }
}
