using System.Net;
using System.Net.Http.Json;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;

namespace CooperationPlatform.Analytics.Tests;

public sealed class BadInputTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    [Theory]
    [InlineData("/sdgs/18", "sdg")]
    [InlineData("/sdgs/0", "sdg")]
    [InlineData("/sdgs/nine", "sdg")]
    [InlineData("/countries/XXX", "country")]
    [InlineData("/countries/fr", "country")]
    [InlineData("/regions/999", "region")]
    [InlineData("/groupings/g77", "grouping")]
    [InlineData("/overview?fromYear=2020&toYear=2010", "fromYear")]
    [InlineData("/sdgs/9?fromYear=2020&toYear=2019", "fromYear")]
    [InlineData("/modalities?status=ongoing", "status")]
    [InlineData("/funnel?status=implementation", "status")]
    [InlineData("/partnerships?format=xlsx", "format")]
    [InlineData("/overview?toYear=0", "toYear")]
    public async Task Bad_input_gets_400_problem_details_naming_the_parameter(string pathAndQuery, string parameter)
    {
        using var client = analytics.Client();
        using var response = await client.GetAsync(AnalyticsFactory.Root + pathAndQuery, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains(parameter, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Unknown_funder_network_and_event_get_404_naming_what_was_not_found()
    {
        using var client = analytics.Client();
        foreach (var (path, resource) in new[] { ("/funders/", "Funder"), ("/networks/", "Network"), ("/events/", "Event") })
        {
            var id = Guid.NewGuid();
            using var response = await client.GetAsync($"{AnalyticsFactory.Root}{path}{id}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
            Assert.Contains(resource, problem!.Detail);
            Assert.Contains(id.ToString(), problem.Detail);
        }
    }

    [Fact]
    public async Task Rebuild_requires_platform_admin()
    {
        using var anonymous = analytics.Client();
        using var reader = analytics.Client("partner", PlatformScopes.AnalyticsRead);

        using var unauthenticated = await anonymous.PostAsync($"{AnalyticsFactory.Root}/admin/rebuild", null, TestContext.Current.CancellationToken);
        using var forbidden = await reader.PostAsync($"{AnalyticsFactory.Root}/admin/rebuild", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
