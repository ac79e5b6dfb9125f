using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

/// <summary>What the gateway does around routing: limits, body size, path safety, headers, CORS, caching and the API description.</summary>
public sealed partial class GatewayEdgeTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flooding_client_gets_429_with_retry_after_while_another_client_is_unaffected()
    {
        var flooder = await platform.Partners.RegisterClientAsync("flooder", [PlatformScopes.DirectoryRead], Cancel);
        var bystander = await platform.Partners.RegisterClientAsync("bystander", [PlatformScopes.DirectoryRead], Cancel);
        var flooderToken = await platform.Partners.TokenAsync(flooder, cancellationToken: Cancel);
        var bystanderToken = await platform.Partners.TokenAsync(bystander, cancellationToken: Cancel);

        // The windows are fixed: a flood that straddles a window's end may stay under the limit in both windows, so it goes on
        // until one of them must be over it (the flood takes seconds, never two whole windows).
        HttpResponseMessage? refused = null;
        for (var i = 0; i <= 2 * AppHostStack.ClientPermits && refused is null; i++)
        {
            var response = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/directory/v1/me"), flooderToken), Cancel);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }
        using var bystanderResponse = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/directory/v1/me"), bystanderToken), Cancel);

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, bystanderResponse.StatusCode);
        refused.Dispose();
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var content = new StringContent($"{{\"name\":\"{new string('x', 2 * 1024 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json");

        using var response = await platform.Gateway.PostOversizedAsync("/api/directory/v1/info", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_import_larger_than_the_api_body_limit_passes_the_gateway_to_the_service_which_enforces_its_own()
    {
        var token = await platform.Partners.TokenAsync(platform.Partners.DevelopmentClient, cancellationToken: Cancel);
        var csv = new System.Text.StringBuilder("name,type,description\n");
        while (csv.Length < 2 * 1024 * 1024)
        {
            csv.Append("Import row ").Append(csv.Length).Append(",network,").Append('x', 1000).Append('\n');
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directory/v1/institutions/import?mode=dry-run")
        {
            Content = new StringContent(csv.ToString(), System.Text.Encoding.UTF8, "text/csv"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await platform.Gateway.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_headers_are_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/v1/info");
        request.Headers.Add("X-Padding", new string('x', 40 * 1024));

        using var response = await platform.Gateway.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/directory/..%2F..%2Fapi/portfolio/v1/info")]
    [InlineData("/api/directory/%2e%2e%2fportfolio/v1/info")]
    [InlineData("/api/directory/v1/..%2F..%2F..%2Fadmin/messages/errors")]
    [InlineData("/api/directory%2F..%2Fportfolio/v1/info")]
    public async Task Encoded_path_tricks_never_reach_another_backend(string path)
    {
        using var response = await platform.Gateway.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        // Not found at the backend the prefix names, or refused as malformed: never an answer from another path (the admin path
        // would say 401) or another backend.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("\"service\":\"portfolio\"", body);
    }

    [Fact]
    public async Task Responses_carry_the_callers_trace_id_and_security_headers()
    {
        var traceId = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/portfolio/v1/info");
        request.Headers.Add("traceparent", $"00-{traceId}-0123456789abcdef-01");

        using var response = await platform.Gateway.SendAsync(request, Cancel);

        Assert.Equal(traceId, response.Headers.GetValues("X-Trace-Id").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("https://partner.example", true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task Cors_allows_only_configured_origins(string origin, bool allowed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/directory/v1/info");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await platform.Gateway.SendAsync(request, Cancel);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }

    [Fact]
    public async Task A_public_cacheable_read_is_served_from_the_gateway_cache()
    {
        var path = $"/api/events/v1/reference/sdgs?probe={Guid.NewGuid():N}";

        using var first = await platform.Gateway.GetAsync(path, Cancel);
        using var second = await platform.Gateway.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Age.HasValue, "the first read cannot come from the cache");
        Assert.True(second.Headers.Age.HasValue, "the second read should come from the gateway's cache");
        // The cached answer carries this request's own limit count and trace id, not those of the request that filled the cache.
        Assert.True(RemainingRequests(second) < RemainingRequests(first), $"RateLimit-Remaining {RemainingRequests(second)} after {RemainingRequests(first)}");
        Assert.NotEqual(first.Headers.GetValues("X-Trace-Id").Single(), second.Headers.GetValues("X-Trace-Id").Single());
    }

    private static long RemainingRequests(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Anonymous_callers_behind_a_trusted_proxy_are_limited_by_their_own_address()
    {
        var caller = $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        var other = $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";

        var (limit, callerFirst) = await RateLimitForAsync(caller);
        var (_, callerSecond) = await RateLimitForAsync(caller);
        var (_, otherFirst) = await RateLimitForAsync(other);

        // A fresh partition per forwarded address; without the trusted proxy all three would count against 127.0.0.1's.
        Assert.Equal(limit - 1, callerFirst);
        Assert.Equal(limit - 2, callerSecond);
        Assert.Equal(limit - 1, otherFirst);
    }

    private async Task<(long Limit, long Remaining)> RateLimitForAsync(string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/v1/info");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await platform.Gateway.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return (long.Parse(response.Headers.GetValues("RateLimit-Limit").Single(), System.Globalization.CultureInfo.InvariantCulture), RemainingRequests(response));
    }

    [Fact]
    public async Task A_cached_read_asked_again_with_its_etag_gets_304_from_the_gateway_and_from_the_service()
    {
        var path = $"/api/events/v1/reference/sdgs?probe={Guid.NewGuid():N}";
        using var first = await platform.Gateway.GetAsync(path, Cancel);
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("reference data should carry an ETag");

        using var fromGateway = await platform.Gateway.SendAsync(IfNoneMatch(path, etag), Cancel);
        using var service = new HttpClient { BaseAddress = platform.ServiceUrl("directory-api") };
        using var fromService = await service.SendAsync(IfNoneMatch(path.Replace("/events/", "/directory/"), etag), Cancel);
        using var changed = await platform.Gateway.SendAsync(IfNoneMatch(path, new("\"another\"")), Cancel);

        Assert.Equal(HttpStatusCode.NotModified, fromGateway.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, fromService.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(etag, changed.Headers.ETag);
    }

    private static HttpRequestMessage IfNoneMatch(string path, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return request;
    }

    [Fact]
    public async Task An_authenticated_read_is_never_served_from_the_shared_cache()
    {
        var client = await platform.Partners.RegisterClientAsync("cached", [PlatformScopes.EventsRead], Cancel);
        var token = await platform.Partners.TokenAsync(client, cancellationToken: Cancel);
        var path = $"/api/events/v1/reference/sdgs?probe={Guid.NewGuid():N}";
        using var anonymous = await platform.Gateway.GetAsync(path, Cancel);

        using var authenticated = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, path), token), Cancel);

        Assert.False(authenticated.Headers.Age.HasValue);
    }

    [Fact]
    public async Task Reference_data_is_served_to_anonymous_partners()
    {
        var sdgs = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/directory/v1/reference/sdgs", Cancel);

        Assert.Equal(17, sdgs.GetArrayLength());
        Assert.Equal(169, sdgs.EnumerateArray().Sum(goal => goal.GetProperty("targets").GetArrayLength()));
    }

    [Fact]
    public async Task The_api_reference_is_served_at_docs()
    {
        using var response = await platform.Gateway.GetAsync("/docs", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Scalar resolves document URLs against the site's root.
        Assert.Contains("\"url\":\"openapi/directory/v1.json\"", html);
    }

    private static readonly string[] ServiceNames = ["directory", "portfolio", "events", "analytics"];

    public static TheoryData<string> Services => new(ServiceNames);

    /// <summary>The lint of every published operation: a kebab-case operationId, summary, 4xx problem responses with examples, and schemas for JSON bodies.</summary>
    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_publishes_a_complete_openapi_document(string service)
    {
        var document = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{service}/v1.json", Cancel);
        var problems = new List<string>();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith($"/api/{service}/", StringComparison.Ordinal)) problems.Add($"{path.Name}: not routed by the gateway");
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                if (!op.TryGetProperty("operationId", out var operationId)) problems.Add($"{name}: no operationId");
                else if (!KebabCase().IsMatch(operationId.GetString() ?? "")) problems.Add($"{name}: operationId '{operationId}' is not kebab-case");
                if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) problems.Add($"{name}: no summary");
                var responses = op.GetProperty("responses").EnumerateObject().ToList();
                if (!responses.Any(r => r.Name.StartsWith('4'))) problems.Add($"{name}: no 4xx response");
                foreach (var error in responses.Where(r => r.Name.StartsWith('4')))
                {
                    if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem)
                        || !HasExample(problem))
                    {
                        problems.Add($"{name}: {error.Name} is not a problem-details response with an example");
                    }
                }
                if (op.TryGetProperty("requestBody", out var body))
                {
                    foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name.Contains("json")))
                    {
                        if (!media.Value.TryGetProperty("schema", out _)) problems.Add($"{name}: request body {media.Name} has no schema");
                        if (!HasExample(media.Value)) problems.Add($"{name}: request body {media.Name} has no example");
                    }
                }
                foreach (var response in responses.Where(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out _)))
                {
                    foreach (var media in response.Value.GetProperty("content").EnumerateObject().Where(m => m.Name.Contains("json")))
                    {
                        if (!media.Value.TryGetProperty("schema", out _)) problems.Add($"{name}: {response.Name} {media.Name} has no schema");
                        if (!HasExample(media.Value)) problems.Add($"{name}: {response.Name} {media.Name} has no example");
                    }
                }
            }
        }

        Assert.True(document.GetProperty("paths").EnumerateObject().Any(), "the document has no operations");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task No_two_operations_share_an_operation_id_across_the_gateways_documents()
    {
        var owners = new List<(string OperationId, string Operation)>();
        foreach (var service in ServiceNames)
        {
            var document = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{service}/v1.json", Cancel);
            owners.AddRange(
                from path in document.GetProperty("paths").EnumerateObject()
                from operation in path.Value.EnumerateObject()
                where operation.Value.ValueKind is JsonValueKind.Object && operation.Value.TryGetProperty("operationId", out _)
                select (operation.Value.GetProperty("operationId").GetString() ?? "", $"{operation.Name.ToUpperInvariant()} {path.Name}"));
        }

        var shared = owners.GroupBy(o => o.OperationId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(o => o.Operation))}");

        Assert.True(owners.Count > 0, "the documents have no operations");
        Assert.Empty(shared);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    private static bool HasExample(JsonElement media) =>
        (media.TryGetProperty("example", out var example) && example.ValueKind is not JsonValueKind.Null)
        || (media.TryGetProperty("examples", out var examples) && examples.EnumerateObject().Any());
}
