using System.Net.Http.Headers;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Directory.Tests.Support;

/// <summary>
/// The directory service hosted in-process, as the platform wires it, on a database of its own and queue names no other
/// test class shares. One per test class; tests in a class keep to their own data (unique names).
/// </summary>
public sealed class DirectoryService(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    public const string ClientId = "directory-tests";
    public const string OtherClientId = "another-partner";

    private WebApplicationFactory<Program> _factory = null!;

    public string DatabaseConnectionString { get; private set; } = "";
    public string BrokerConnectionString => infrastructure.RabbitMqConnectionString;
    public string ServiceName { get; } = "directory" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A client with the directory.write scope, as the partner <see cref="ClientId"/>.</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>A client without a token: reads are public.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await infrastructure.CreateDatabaseAsync("directory");
        var settings = new Dictionary<string, string?>(TestTokens.ServiceConfiguration)
        {
            ["ConnectionStrings:directorydb"] = DatabaseConnectionString,
            ["ConnectionStrings:cache"] = infrastructure.RedisConnectionString,
            ["ConnectionStrings:messaging"] = infrastructure.RabbitMqConnectionString,
            ["Messaging:ServiceName"] = ServiceName,
            ["Messaging:Outbox:PollInterval"] = "00:00:00.250",
        };
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
            host.UseUrls("http://127.0.0.1:0");
            host.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        // Kestrel rather than the in-memory test server, so that its limits (the 1 MiB body) apply as in production.
        _factory.UseKestrel();
        _factory.StartServer();
        Writer = ClientFor(ClientId, PlatformScopes.DirectoryWrite);
        Anonymous = _factory.CreateClient();
        // Starts the host: migrations run before the first request is served.
        using var ready = await Anonymous.GetAsync("/alive", TestContext.Current.CancellationToken);
        ready.EnsureSuccessStatusCode();
    }

    public HttpClient ClientFor(string clientId, params string[] scopes)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(clientId, scopes));
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<DirectoryDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DirectoryDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Writer?.Dispose();
        Anonymous?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
