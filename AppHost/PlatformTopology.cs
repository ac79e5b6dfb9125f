using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.AppHost;

/// <summary>The whole platform at a glance: what runs, what each service references and waits for.</summary>
public static class PlatformTopology
{
    public const int GatewayPort = 8080;

    public static PlatformHostBuilder Declare(PlatformHostOptions options, int gatewayPort = GatewayPort)
    {
        var builder = new PlatformHostBuilder(options);

        var postgres = builder.AddPostgres("postgres", port: 55432);
        var directoryDb = postgres.AddDatabase("directorydb");
        var portfolioDb = postgres.AddDatabase("portfoliodb");
        var eventsDb = postgres.AddDatabase("eventsdb");
        var analyticsDb = postgres.AddDatabase("analyticsdb");
        var cache = builder.AddRedis("cache", port: 56379);
        var messaging = builder.AddRabbitMQ("messaging", port: 55672);

        var directory = builder.AddProject("directory-api", "services/Directory", port: 5101)
            .WithReference(directoryDb).WithReference(cache).WithReference(messaging)
            .WaitFor(directoryDb).WaitFor(cache).WaitFor(messaging);

        var portfolio = builder.AddProject("portfolio-api", "services/Portfolio", port: 5102)
            .WithReference(portfolioDb).WithReference(cache).WithReference(messaging)
            .WaitFor(portfolioDb).WaitFor(cache).WaitFor(messaging);

        var events = builder.AddProject("events-api", "services/Events", port: 5103)
            .WithReference(eventsDb).WithReference(cache).WithReference(messaging)
            .WaitFor(eventsDb).WaitFor(cache).WaitFor(messaging);

        var analytics = builder.AddProject("analytics-api", "services/Analytics", port: 5104)
            .WithReference(analyticsDb).WithReference(cache).WithReference(messaging)
            .WaitFor(analyticsDb).WaitFor(cache).WaitFor(messaging);

        var gateway = builder.AddProject("gateway", "gateway", port: gatewayPort)
            .WithReference(directory).WithReference(portfolio).WithReference(events).WithReference(analytics)
            .WithReference(cache)
            .WaitFor(directory).WaitFor(portfolio).WaitFor(events).WaitFor(analytics);
        gateway.FixedPort = gatewayPort;

        return builder;
    }
}
