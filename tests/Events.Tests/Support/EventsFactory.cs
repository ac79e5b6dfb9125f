using System.Net.Http.Headers;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Events.Tests.Support;

/// <summary>
/// The events service on Kestrel (real HTTP on a free loopback port, so parallel requests are really parallel), on its own fresh
/// database, with the assembly's PostgreSQL, Redis and RabbitMQ. <see cref="Messages"/> records what it publishes on the broker.
/// </summary>
public sealed class EventsFactory(InfrastructureFixture infrastructure) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Organizer = "organizer-a";
    private string _database = "";
    private Uri _address = null!;

    public string ServiceName { get; } = "events-test-" + Guid.NewGuid().ToString("N")[..8];
    public PublishedMessages Messages { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await infrastructure.CreateDatabaseAsync("events");
        Messages = await PublishedMessages.StartAsync(infrastructure.RabbitMqConnectionString, ServiceName);
        UseKestrel(0);
        StartServer();
        _address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:eventsdb", _database);
        builder.UseSetting("ConnectionStrings:cache", infrastructure.RedisConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", infrastructure.RabbitMqConnectionString);
        builder.UseSetting("Messaging:ServiceName", ServiceName);
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.250");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in TestTokens.ServiceConfiguration)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client over real HTTP; with <paramref name="scopes"/>, it carries a token for <paramref name="clientId"/>.</summary>
    public HttpClient Client(string? clientId = null, params string[] scopes)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(60) };
        if (clientId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(clientId, scopes));
        }
        return client;
    }

    /// <summary>The organizer's client: events.write and events.read for <see cref="Organizer"/>.</summary>
    public HttpClient OrganizerClient() => Client(Organizer, PlatformScopes.EventsWrite, PlatformScopes.EventsRead);

    public HttpClient Anonymous() => Client();

    public async Task<T> WithDbAsync<T>(Func<EventsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<EventsDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await Messages.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
