using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Testing;

/// <summary>
/// One service hosted in-process as the platform wires it, on Kestrel (real HTTP on a free loopback port, so that its limits apply
/// as in production and parallel requests are really parallel), with the assembly's PostgreSQL, Redis and RabbitMQ: a database of
/// its own, which the service migrates as it starts, queue names no other host shares, and trust in <see cref="TestTokens"/>.
/// <see cref="Messages"/> records what it publishes. Use it as a class fixture; tests in a class keep to their own data (unique
/// names and ids).
/// </summary>
public class ServiceFactory<TProgram, TDbContext> : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
    where TDbContext : DbContext
{
    private readonly string _service;
    private readonly IReadOnlyCollection<Type> _published;
    private Uri _address = null!;
    private PublishedMessages? _messages;

    /// <param name="infrastructure">The assembly's servers.</param>
    /// <param name="service">The service's name in the AppHost without <c>-api</c>; its database's connection string is <c>{service}db</c>.</param>
    /// <param name="published">The messages the service publishes, recorded in <see cref="Messages"/> from before it starts.</param>
    public ServiceFactory(InfrastructureFixture infrastructure, string service, IReadOnlyCollection<Type>? published = null)
    {
        Infrastructure = infrastructure;
        _service = service;
        _published = published ?? [];
        ServiceName = $"{service}-test-{Guid.NewGuid():N}"[..(service.Length + 14)];
        Settings = new(TestTokens.ServiceConfiguration)
        {
            ["ConnectionStrings:cache"] = infrastructure.RedisConnectionString,
            ["ConnectionStrings:messaging"] = infrastructure.RabbitMqConnectionString,
            ["Messaging:ServiceName"] = ServiceName,
            ["Messaging:Outbox:PollInterval"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    public InfrastructureFixture Infrastructure { get; }
    public string ServiceName { get; }
    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>What the service is configured with; a test may change one before <see cref="InitializeAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; }

    public PublishedMessages Messages => _messages ?? throw new InvalidOperationException($"The {_service} host records no published messages.");

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await Infrastructure.CreateDatabaseAsync(_service);
        Settings[$"ConnectionStrings:{_service}db"] = DatabaseConnectionString;
        if (_published.Count > 0)
        {
            _messages = await PublishedMessages.ListenAsync(Infrastructure.RabbitMqConnectionString, _published);
        }
        UseKestrel(0);
        // Starts the host: the database is migrated before the first request is served.
        StartServer();
        _address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client over real HTTP; with a <paramref name="clientId"/>, it carries a token for it with <paramref name="scopes"/>.</summary>
    /// <remarks>
    /// Not the test host's default client, whose redirect handler copies every request body so that it can send it again: that would
    /// hold a streamed upload in the test process and hide whether the service streams it. The APIs never redirect.
    /// </remarks>
    public HttpClient Client(string? clientId = null, params string[] scopes)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, AllowAutoRedirect = false }) { BaseAddress = _address };
        if (clientId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(clientId, scopes));
        }
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<TDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_messages is not null)
        {
            await _messages.DisposeAsync();
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
