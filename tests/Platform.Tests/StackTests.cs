using System.Net;
using System.Net.Http.Json;
using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

public sealed class StackTests(PlatformFixture platform)
{
    public static TheoryData<string> Services => new() { "directory", "portfolio", "events", "analytics" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_answers_through_the_gateway(string service)
    {
        var info = await platform.Gateway.GetFromJsonAsync<ServiceInfoResponse>($"/api/{service}/v1/info", TestContext.Current.CancellationToken);

        Assert.NotNull(info);
        Assert.Equal(service, info.Service);
    }

    [Fact]
    public async Task Gateway_health_reports_every_backend_healthy_to_platform_admin()
    {
        var adminToken = await platform.Partners.TokenAsync(platform.Partners.DevelopmentClient, cancellationToken: TestContext.Current.CancellationToken);
        using var response = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/health"), adminToken), TestContext.Current.CancellationToken);
        var report = await response.Content.ReadFromJsonAsync<HealthReportResponse>(HealthJson.Options, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(report);
        Assert.Equal("Healthy", report.Status);
        foreach (var backend in new[] { "directory-api", "portfolio-api", "events-api", "analytics-api" })
        {
            Assert.True(report.Checks.TryGetValue(backend, out var check), $"/health has no check for {backend}");
            Assert.Equal("Healthy", check.Status);
        }
    }

    [Theory]
    [InlineData("directory-api", "directorydb")]
    [InlineData("analytics-api", "analyticsdb")]
    public async Task Service_readiness_covers_its_database_cache_and_broker(string resource, string database)
    {
        using var client = new HttpClient { BaseAddress = platform.ServiceUrl(resource) };
        var report = await client.GetFromJsonAsync<HealthReportResponse>("/health", HealthJson.Options, TestContext.Current.CancellationToken);

        Assert.NotNull(report);
        Assert.Equal("Healthy", report.Checks[database].Status);
        Assert.Equal("Healthy", report.Checks["cache"].Status);
        Assert.Contains(report.Checks, check => check.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase) && check.Value.Status == "Healthy");
    }

    [Fact]
    public async Task Liveness_does_not_depend_on_infrastructure()
    {
        using var client = new HttpClient { BaseAddress = platform.ServiceUrl("events-api") };
        var report = await client.GetFromJsonAsync<HealthReportResponse>("/alive", HealthJson.Options, TestContext.Current.CancellationToken);

        Assert.NotNull(report);
        Assert.Equal(["self"], report.Checks.Keys);
    }

    [Fact]
    public async Task Unknown_routes_get_problem_details_not_html()
    {
        using var response = await platform.Gateway.GetAsync("/api/directory/v1/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
