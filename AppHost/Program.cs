using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Demo;
using CooperationPlatform.AppHost.Operations;
using CooperationPlatform.AppHost.Services;

var options = PlatformOptions.Parse(args);
if (options.AspireArgs.FirstOrDefault() == "demo")
{
    return await DemoCommand.RunAsync(options.AspireArgs[1..], options);
}

try
{
    (var builder, options) = PlatformStart.CreateBuilder(options);
    var platform = new PlatformResources(builder, options);
    var secrets = PlatformSecrets.LoadOrCreate(options.DataDirectory);

    var postgres = platform.AddPostgres("postgres", port: 55432);
    var cache = platform.AddRedis("cache", port: 56379);
    var messaging = platform.AddRabbitMq("messaging", port: 55672);

    if (!options.ServersOnly)
    {
        var gateway = platform.AddService<Projects.Gateway>("gateway", options.GatewayPort);
        // Known before anything starts: the gateway issues the tokens every service validates.
        var tokenIssuer = gateway.GetEndpoint("http");

        // Every service: its own database, the shared cache and broker, and the gateway as its token authority.
        IResourceBuilder<IPlatformService> Service<TProject>(string name, int port, string database) where TProject : IProjectMetadata, new()
        {
            var db = platform.AddDatabase(postgres, database);
            return platform.AddService<TProject>(name, port)
                .WithReference(db).WithReference(cache).WithReference(messaging)
                .WithEnvironment("Authentication__Authority", tokenIssuer)
                .WaitFor(db).WaitFor(cache).WaitFor(messaging)
                .WithReplayErrorQueuesCommand(gateway, secrets);
        }

        var directory = Service<Projects.Directory_Api>("directory-api", 5101, "directorydb");
        var portfolio = Service<Projects.Portfolio_Api>("portfolio-api", 5102, "portfoliodb");
        var events = Service<Projects.Events_Api>("events-api", 5103, "eventsdb");
        // Analytics learns everything from messages; it calls the others only to rebuild its projections from their snapshots.
        var analytics = Service<Projects.Analytics_Api>("analytics-api", 5104, "analyticsdb")
            .WithReference(directory).WithReference(portfolio).WithReference(events)
            .WithRebuildProjectionsCommand(gateway, secrets);

        // The public portal reads the platform only through the gateway's public API; the gateway serves its pages at "/".
        var web = platform.AddService<Projects.Portal>("web", 5105)
            .WithReference(gateway);

        // The gateway starts beside the services, not after them: it answers 503 for a backend until that one is up.
        var gatewayDb = platform.AddDatabase(postgres, "gatewaydb");
        gateway
            .WithReference(directory).WithReference(portfolio).WithReference(events).WithReference(analytics).WithReference(web)
            .WithReference(gatewayDb).WithReference(cache)
            .WithEnvironment("Gateway__Issuer", tokenIssuer)
            .WithEnvironment("Gateway__SigningKey", secrets.GatewaySigningKey)
            .WithEnvironment("Gateway__DevelopmentClient__Id", PlatformSecrets.DevelopmentClientId)
            .WithEnvironment("Gateway__DevelopmentClient__Secret", secrets.DevelopmentClientSecret)
            .WaitFor(gatewayDb).WaitFor(cache)
            .WithLoadDemoDataCommand(secrets)
            .WithStartedReport(options, secrets);
    }

    await builder.Build().RunAsync();
    return 0;
}
catch (PlatformStartException e)
{
    Console.Error.WriteLine($"The platform could not start: {e.Message}");
    return 1;
}

// Internal (top-level Program is public since .NET 10): the tests reference this assembly beside a service's own Program.
internal partial class Program;
