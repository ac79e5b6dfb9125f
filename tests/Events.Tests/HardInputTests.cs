using System.Net;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Events.Tests;

/// <summary>Input that once answered 500 (issue 23): each is now a 400 naming the parameter or field.</summary>
public sealed class HardInputTests(EventsFactory service) : IClassFixture<EventsFactory>
{
    private async Task<(HttpStatusCode Status, string[] Fields)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var client = service.Client($"hard-input-{Guid.NewGuid():N}", PlatformScopes.EventsWrite);
        using var request = new HttpRequestMessage(method, "/api/events/v1" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        return (response.StatusCode, problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : []);
    }

    [Theory]
    [InlineData("/events?Year=-1", "year")]
    [InlineData("/events?Year=999999999", "year")]
    [InlineData("/events?Year=1899", "year")]
    [InlineData("/events?Q=a%00b", "Q")]
    [InlineData("/events?Series=%00", "Series")]
    [InlineData("/events?pageSize=1000", "pageSize")]
    [InlineData("/events?pageIndex=-1", "pageIndex")]
    public async Task A_query_value_out_of_range_or_with_a_control_character_is_refused_naming_the_parameter(string path, string parameter)
    {
        var (status, fields) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([parameter], fields);
    }

    [Fact]
    public async Task A_year_inside_the_range_is_accepted()
    {
        var (status, _) = await SendAsync(HttpMethod.Get, "/events?Year=2200");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_nul_in_an_events_name_is_refused_naming_the_field()
    {
        var (status, fields) = await SendAsync(HttpMethod.Post, "/events", """{"name":"Expo\u0000","kind":"exhibition-and-dialogue"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["name"], fields);
    }
}
