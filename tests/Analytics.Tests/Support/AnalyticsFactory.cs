using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Analytics.Tests.Support;

/// <summary>
/// The analytics service on Kestrel with its own database, cache namespace and queues, on the assembly's PostgreSQL, Redis and
/// RabbitMQ. Tests publish the source services' contract messages on the real broker and wait until the service has consumed them.
/// </summary>
public sealed class AnalyticsFactory(InfrastructureFixture infrastructure) : WebApplicationFactory<Program>, IAsyncLifetime, IConsumeObserver
{
    public const string Root = "/api/analytics/v1";
    private readonly ConcurrentDictionary<Guid, int> _consumed = new();
    private string _database = "";
    private Uri _address = null!;

    public string ServiceName { get; } = "analytics-test-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask InitializeAsync()
    {
        _database = await infrastructure.CreateDatabaseAsync("analytics");
        UseKestrel(0);
        StartServer();
        _address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Services.GetRequiredService<IBus>().ConnectConsumeObserver(this);
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:analyticsdb", _database);
        builder.UseSetting("ConnectionStrings:cache", infrastructure.RedisConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", infrastructure.RabbitMqConnectionString);
        builder.UseSetting("Messaging:ServiceName", ServiceName);
        builder.UseSetting("Analytics:CacheNamespace", ServiceName);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in TestTokens.ServiceConfiguration)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient Client(string? clientId = null, params string[] scopes)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(60) };
        if (clientId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(clientId, scopes));
        }
        return client;
    }

    public async Task<T> GetAsync<T>(string pathAndQuery)
    {
        using var client = Client();
        using var response = await client.GetAsync(Root + pathAndQuery, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiDefaults.JsonOptions, TestContext.Current.CancellationToken))!;
    }

    /// <summary>Publishes the messages on the broker (in order) and returns once the service has consumed every one of them.</summary>
    public async Task PublishAsync(params IntegrationEvent[] messages)
    {
        var expected = messages.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.Count() + _consumed.GetValueOrDefault(g.Key));
        var bus = Services.GetRequiredService<IBus>();
        foreach (var message in messages)
        {
            await bus.Publish(message, message.GetType(), TestContext.Current.CancellationToken);
        }
        await WaitUntilAsync(() => expected.All(e => _consumed.GetValueOrDefault(e.Key) >= e.Value), TimeSpan.FromSeconds(30));
    }

    public async Task WaitConsumedAsync(Guid messageId, int times = 1) =>
        await WaitUntilAsync(() => _consumed.GetValueOrDefault(messageId) >= times, TimeSpan.FromSeconds(30));

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the messages to be consumed.");
            await Task.Delay(5);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AnalyticsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context)
    {
        if (context.Message is IntegrationEvent message)
        {
            _consumed.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        }
        return Task.CompletedTask;
    }

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;
}
