using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>The service with nothing listening where its Redis should be: it starts, serves from its database, and is ready but Degraded.</summary>
public sealed class CacheOutageTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_service_starts_without_redis_and_reports_the_cache_degraded()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var directory = new DirectoryFactory(infrastructure);
        directory.Settings["ConnectionStrings:cache"] = $"127.0.0.1:{ClosedPort()},connectTimeout=500";
        directory.Settings["Logging:LogLevel:Default"] = "Critical";
        await directory.InitializeAsync();

        using var alive = await directory.Anonymous.GetAsync("/alive", cancel);
        using var health = await directory.Anonymous.GetAsync("/health", cancel);
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
