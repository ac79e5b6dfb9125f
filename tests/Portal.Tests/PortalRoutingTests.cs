using System.Net;

namespace CooperationPlatform.Portal.Tests;

/// <summary>The portal behind the gateway, over HTTP: what goes to it, what stays with the API, and how its pages are cached.</summary>
public sealed class PortalRoutingTests(PortalFixture portal)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Gateway => portal.Platform.Gateway;

    [Fact]
    public async Task An_anonymous_page_is_public_for_a_few_seconds_and_the_gateway_serves_it_again_from_its_cache()
    {
        var path = $"/directory?q=energy&probe={Guid.NewGuid():N}";

        using var first = await Gateway.GetAsync(path, Cancel);
        using var second = await Gateway.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: > 0 and <= 60 }, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.Contains("script-src 'self'", first.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", first.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(second.Headers.Age.HasValue, "the second read should come from the gateway's cache");
    }

    [Fact]
    public async Task A_404_page_and_a_page_asked_with_a_language_cookie_are_not_stored_by_shared_caches()
    {
        using var missing = await Gateway.GetAsync("/directory/institutions/00000000-0000-4000-8000-000000000000", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(missing.Headers.CacheControl?.NoStore, $"Cache-Control: {missing.Headers.CacheControl}");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "lang=c%3Dfr%7Cuic%3Dfr");
        using var french = await Gateway.SendAsync(request, Cancel);
        Assert.Contains("lang=\"fr\"", await french.Content.ReadAsStringAsync(Cancel));
        Assert.True(french.Headers.CacheControl is { Private: true, Public: false }, $"Cache-Control: {french.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/api/no-such-service/v1/info")]
    [InlineData("/api")]
    [InlineData("/openapi/no-such-service/v1.json")]
    [InlineData("/connect/token")]
    [InlineData("/admin/no-such-thing")]
    [InlineData("/.well-known/no-such-thing")]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task The_apis_and_the_gateways_own_paths_never_answer_with_a_portal_page(string path)
    {
        using var response = await Gateway.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("data-page=", body);
    }

    [Fact]
    public async Task The_portal_static_assets_pass_the_gateway_compressed()
    {
        var page = await Gateway.GetStringAsync("/", Cancel);
        var script = System.Text.RegularExpressions.Regex.Match(page, "_framework/blazor\\.web\\.[a-z0-9]+\\.js").Value;
        Assert.NotEmpty(script);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        request.Headers.Add("Accept-Encoding", "br, gzip");

        using var response = await Gateway.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(response.Content.Headers.ContentEncoding);
        Assert.True(response.Content.Headers.ContentLength < 100_000, $"{response.Content.Headers.ContentLength} bytes");
    }
}
