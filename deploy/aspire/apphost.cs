// The platform's topology as an Aspire 13 file-based AppHost, for machines that can restore the Aspire packages and run containers:
//   dotnet run deploy/aspire/apphost.cs        (or: aspire run --apphost deploy/aspire/apphost.cs)
// Same resource names, references and waits as AppHost/PlatformTopology.cs; tests/Deployment.Tests keeps the two in step.
// Not part of the solution and not built by CI here: the Aspire packages cannot be restored on the CI machine.
#:sdk Aspire.AppHost.Sdk@13.0.0
#:package Aspire.Hosting.PostgreSQL@13.0.0
#:package Aspire.Hosting.Redis@13.0.0
#:package Aspire.Hosting.RabbitMQ@13.0.0

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres").WithDataVolume();
var cache = builder.AddRedis("cache");
var messaging = builder.AddRabbitMQ("messaging");
var developmentClientSecret = builder.AddParameter("development-client-secret", secret: true);

// The gateway issues the tokens every service validates: it is declared first so that services can name it as their authority.
var gatewayDb = postgres.AddDatabase("gatewaydb");
var gateway = builder.AddProject("gateway", "../../gateway/Gateway.csproj")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(gatewayDb).WithReference(cache)
    .WithEnvironment("Gateway__DevelopmentClient__Id", "dev-partner")
    .WithEnvironment("Gateway__DevelopmentClient__Secret", developmentClientSecret)
    .WaitFor(gatewayDb).WaitFor(cache);
var gatewayEndpoint = gateway.GetEndpoint("http");
gateway.WithEnvironment("Gateway__Issuer", gatewayEndpoint);

// Every service: its own database, the shared cache and broker, and the gateway as its token authority.
IResourceBuilder<ProjectResource> Service(string name, string projectPath, string database)
{
    var db = postgres.AddDatabase(database);
    return builder.AddProject(name, projectPath)
        .WithHttpHealthCheck("/health")
        .WithReference(db).WithReference(cache).WithReference(messaging)
        .WithEnvironment("Authentication__Authority", gatewayEndpoint)
        .WaitFor(db).WaitFor(cache).WaitFor(messaging);
}

var directory = Service("directory-api", "../../services/Directory/Directory.Api.csproj", "directorydb");
var portfolio = Service("portfolio-api", "../../services/Portfolio/Portfolio.Api.csproj", "portfoliodb");
var events = Service("events-api", "../../services/Events/Events.Api.csproj", "eventsdb");
// Analytics learns everything from messages; it calls the others only to rebuild its projections from their snapshots.
var analytics = Service("analytics-api", "../../services/Analytics/Analytics.Api.csproj", "analyticsdb")
    .WithReference(directory).WithReference(portfolio).WithReference(events);

gateway
    .WithReference(directory).WithReference(portfolio).WithReference(events).WithReference(analytics)
    .WaitFor(directory).WaitFor(portfolio).WaitFor(events).WaitFor(analytics);

builder.Build().Run();
