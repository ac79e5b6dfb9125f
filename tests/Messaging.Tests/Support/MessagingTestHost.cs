using System.Net.Http.Json;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Messaging.Tests.Support;

/// <summary>
/// One service instance as the platform wires it (<c>AddPostgresDbContext</c>, <c>AddMessaging</c>, <c>MapMessagingAdmin</c>),
/// on a test's own database and queue names, listening on a free port.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MessagingTestHost(WebApplication app, string serviceName)
    {
        _app = app;
        ServiceName = serviceName;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.Create("operator", [PlatformScopes.PlatformAdmin], [Audience]));
    }

    public string ServiceName { get; }
    public IServiceProvider Services => _app.Services;
    public const string Audience = "messaging-tests";

    /// <summary>A client with the platform.admin scope, as an operator calls the admin endpoints.</summary>
    public HttpClient Http { get; }

    /// <summary>A service name no other test uses, so that queue names never collide.</summary>
    public static string UniqueServiceName(string purpose) => $"{purpose}{Guid.NewGuid():N}"[..(purpose.Length + 8)];

    /// <summary>A service on a new database of its own (schema created) and on queues of its own, on the fixture's broker or the one given.</summary>
    public static async Task<MessagingTestHost> StartIsolatedAsync(InfrastructureFixture infrastructure, string purpose,
        Action<MessagingBuilder<TestDbContext>>? configureMessaging = null, Action<IServiceCollection>? configureServices = null,
        string? brokerConnectionString = null)
    {
        var database = await infrastructure.CreateDatabaseAsync(purpose);
        await TestDbContext.CreateSchemaAsync(database);
        return await StartAsync(database, brokerConnectionString ?? infrastructure.RabbitMqConnectionString, UniqueServiceName(purpose),
            configureMessaging, configureServices);
    }

    public static async Task<MessagingTestHost> StartAsync(string databaseConnectionString, string brokerConnectionString, string serviceName,
        Action<MessagingBuilder<TestDbContext>>? configureMessaging = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(TestTokens.ServiceConfiguration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Audience"] = Audience,
            ["ConnectionStrings:testdb"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = brokerConnectionString,
            ["Messaging:ServiceName"] = serviceName,
            // The production delays, shortened so that failures and retries play out within a test.
            ["Messaging:Outbox:PollInterval"] = "00:00:00.250",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
            ["Messaging:Outbox:RetryMinDelay"] = "00:00:00.100",
            ["Messaging:Outbox:RetryMaxDelay"] = "00:00:01",
            ["Messaging:Consumers:RetryLimit"] = "2",
            ["Messaging:Consumers:RetryMinInterval"] = "00:00:00.050",
            ["Messaging:Consumers:RetryMaxInterval"] = "00:00:00.200",
            ["Messaging:Consumers:RetryIntervalDelta"] = "00:00:00.050",
            ["Messaging:Consumers:TransientRetryLimit"] = "2",
            ["Messaging:Consumers:TransientRetryMinInterval"] = "00:00:00.050",
            ["Messaging:Consumers:TransientRetryMaxInterval"] = "00:00:00.200",
            ["Messaging:Consumers:TransientRetryIntervalDelta"] = "00:00:00.050",
        });
        builder.AddPostgresDbContext<TestDbContext>("testdb");
        // The schema comes from EnsureCreated (CreateSchemaAsync), not from migrations: the start-up migrator has none to apply.
        builder.Services.ConfigureDbContext<TestDbContext>(options =>
            options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));
        builder.AddMessaging<TestDbContext>(configureMessaging);
        builder.AddProblemDetailsMapping();
        builder.AddPlatformAuthentication();
        builder.AddDefaultHealthChecks();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapMessagingAdmin();
        app.MapHealthEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        // What a readiness probe waits for: the bus connected and every queue declared.
        var bus = app.Services.GetRequiredService<IBusControl>();
        await Eventually.HoldsAsync(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy), $"{serviceName}'s bus is ready");
        return new MessagingTestHost(app, serviceName);
    }

    /// <summary>One unit of work in its own scope, saved with <c>SaveChangesAsync</c> as a service's endpoint would.</summary>
    public async Task WriteAsync(Action<TestDbContext> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        change(db);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async Task<T> ReadAsync<T>(Func<TestDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    public Task<List<AppliedEvent>> AppliedEventsAsync() =>
        ReadAsync(db => db.AppliedEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken));

    public async Task<ErrorQueueResponse> ErrorQueueAsync(string queue)
    {
        var errors = await Http.GetFromJsonAsync<ErrorQueuesResponse>("/admin/messages/errors", TestContext.Current.CancellationToken);
        return Assert.Single(errors!.Queues, q => q.Queue == queue);
    }

    /// <summary>The queue of <typeparamref name="THandler"/>, named as <c>AddIntegrationEventHandler</c> names it.</summary>
    public string QueueOf<THandler>() => KebabCaseEndpointNameFormatter.Instance.SanitizeName($"{ServiceName}-{typeof(THandler).Name}");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
