using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Directory.Tests;

/// <summary>The service with nothing listening where its Redis should be: it starts, serves from its database, and is ready but Degraded.</summary>
public sealed class CacheOutageTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_service_starts_without_redis_and_reports_the_cache_degraded()
    {
        var cancel = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?>(TestTokens.ServiceConfiguration)
        {
            ["ConnectionStrings:directorydb"] = await infrastructure.CreateDatabaseAsync("directory"),
            ["ConnectionStrings:cache"] = $"127.0.0.1:{ClosedPort()},connectTimeout=500",
            ["ConnectionStrings:messaging"] = infrastructure.RabbitMqConnectionString,
            ["Messaging:ServiceName"] = "directory" + Guid.NewGuid().ToString("N")[..8],
        };
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
            host.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        });
        using var client = factory.CreateClient();

        using var alive = await client.GetAsync("/alive", cancel);
        using var health = await client.GetAsync("/health", cancel);
        var report = await health.Content.ReadFromJsonAsync<HealthReportResponse>(HealthJson.Options, cancel);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotNull(report);
        Assert.Equal("Degraded", report.Status);
        Assert.Equal("Degraded", report.Checks["cache"].Status);
        Assert.Equal("Healthy", report.Checks["directorydb"].Status);
        Assert.DoesNotContain(report.Checks.Keys, name => name.StartsWith("StackExchange.Redis", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
