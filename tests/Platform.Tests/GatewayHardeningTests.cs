using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

/// <summary>Issue 23 at the gateway: partner clients, what anonymous callers see, the gateway's own errors and its rate limits.</summary>
public sealed class GatewayHardeningTests(PlatformFixture platform)
{
    /// <summary>
    /// A revocation reaches every instance by Redis pub/sub within milliseconds; each instance also reloads the list every 5 s.
    /// Waiting less than that shows the message, not the reload, did it.
    /// </summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<string> AdminTokenAsync() => platform.Partners.TokenAsync(platform.Partners.DevelopmentClient, cancellationToken: Cancel);

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Registering_a_client_without_scopes_is_a_400_naming_the_scopes_field(string scopes)
    {
        using var request = PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients")
        {
            Content = new StringContent($$"""{"clientId":"noscope-{{Guid.NewGuid():N}}","scopes":{{scopes}}}""", Encoding.UTF8, "application/json"),
        }, await AdminTokenAsync());

        using var response = await platform.Gateway.SendAsync(request, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _), problem.ToString());
    }

    [Fact]
    public async Task A_deleted_clients_id_is_never_registered_again()
    {
        var client = await platform.Partners.RegisterClientAsync("tombstone", [PlatformScopes.DirectoryWrite], Cancel);
        var admin = await AdminTokenAsync();

        using var deleted = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Delete, $"/admin/clients/{client.ClientId}"), admin), Cancel);
        using var again = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients")
        {
            Content = JsonContent.Create(new { clientId = client.ClientId, scopes = new[] { PlatformScopes.DirectoryWrite } }),
        }, admin), Cancel);
        using var lookup = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, $"/admin/clients/{client.ClientId}"), admin), Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal("application/problem+json", lookup.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Deleting_a_client_revokes_its_tokens_at_once_at_the_services_and_at_the_gateway()
    {
        var client = await platform.Partners.RegisterClientAsync("deleted", [PlatformScopes.DirectoryRead, PlatformScopes.PlatformAdmin], Cancel);
        var token = await platform.Partners.TokenAsync(client, cancellationToken: Cancel);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/directory/v1/me", token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/admin/clients", token));

        using var deleted = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Delete, $"/admin/clients/{client.ClientId}"), await AdminTokenAsync()), Cancel);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await Eventually.HoldsAsync(async () => await StatusAsync("/api/directory/v1/me", token) == HttpStatusCode.Unauthorized,
            "the directory refuses the deleted client's token", AtOnce, TimeSpan.FromMilliseconds(10));
        await Eventually.HoldsAsync(async () => await StatusAsync("/admin/clients", token) == HttpStatusCode.Unauthorized,
            "the gateway refuses the deleted client's token", AtOnce, TimeSpan.FromMilliseconds(10));
        // And straight at the service, around the gateway.
        using var direct = new HttpClient { BaseAddress = platform.ServiceUrl("directory-api") };
        using var atTheService = await direct.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/directory/v1/me"), token), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, atTheService.StatusCode);
    }

    [Fact]
    public async Task Rotating_a_secret_revokes_the_tokens_issued_before_while_a_token_for_the_new_secret_works_at_once()
    {
        var client = await platform.Partners.RegisterClientAsync("rotated", [PlatformScopes.EventsRead, PlatformScopes.PlatformAdmin], Cancel);
        var oldToken = await platform.Partners.TokenAsync(client, cancellationToken: Cancel);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/events/v1/me", oldToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/admin/clients", oldToken));

        using var rotate = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, $"/admin/clients/{client.ClientId}/secret"), await AdminTokenAsync()), Cancel);
        var secret = (await rotate.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("clientSecret").GetString()!;
        var newToken = await platform.Partners.TokenAsync(client with { ClientSecret = secret }, cancellationToken: Cancel);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/events/v1/me", newToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/admin/clients", newToken));
        await Eventually.HoldsAsync(async () => await StatusAsync("/api/events/v1/me", oldToken) == HttpStatusCode.Unauthorized,
            "the events service refuses the token issued before the rotation", AtOnce, TimeSpan.FromMilliseconds(10));
        await Eventually.HoldsAsync(async () => await StatusAsync("/admin/clients", oldToken) == HttpStatusCode.Unauthorized,
            "the gateway refuses the token issued before the rotation", AtOnce, TimeSpan.FromMilliseconds(10));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/events/v1/me", newToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/admin/clients", newToken));
    }

    [Fact]
    public async Task Every_answer_that_carries_a_secret_or_a_token_says_no_store()
    {
        var admin = await AdminTokenAsync();
        var clientId = $"nostore-{Guid.NewGuid():N}"[..20];

        using var registered = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients")
        {
            Content = JsonContent.Create(new { clientId, scopes = new[] { PlatformScopes.AnalyticsRead } }),
        }, admin), Cancel);
        using var rotated = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, $"/admin/clients/{clientId}/secret"), admin), Cancel);
        var secret = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("clientSecret").GetString()!;
        using var token = await platform.Partners.RequestTokenAsync(new ClientCredentials(clientId, secret), cancellationToken: Cancel);

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.All(new[] { registered, rotated, token }, response => Assert.True(response.Headers.CacheControl?.NoStore == true,
            $"{response.RequestMessage?.RequestUri?.AbsolutePath}: Cache-Control {response.Headers.CacheControl}"));
    }

    [Fact]
    public async Task Anonymous_health_shows_only_the_status_and_platform_admin_sees_the_checks()
    {
        using var anonymous = await platform.Gateway.GetAsync("/health", Cancel);
        var anonymousBody = await anonymous.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        using var admin = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/health"), await AdminTokenAsync()), Cancel);
        var adminBody = await admin.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(["status"], anonymousBody.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("directory-api", anonymousBody.ToString());
        Assert.True(adminBody.GetProperty("checks").TryGetProperty("directory-api", out _), adminBody.ToString());
    }

    [Fact]
    public async Task Service_info_shows_the_build_and_environment_only_to_platform_admin()
    {
        var anonymous = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/v1/info", Cancel);
        using var adminResponse = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/portfolio/v1/info"), await AdminTokenAsync()), Cancel);
        var admin = await adminResponse.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal("portfolio", anonymous.GetProperty("service").GetString());
        Assert.All(new[] { "version", "environment", "instance" }, field => Assert.Equal(JsonValueKind.Null, anonymous.GetProperty(field).ValueKind));
        Assert.All(new[] { "version", "environment", "instance" }, field => Assert.Equal(JsonValueKind.String, admin.GetProperty(field).ValueKind));
    }

    [Fact]
    public async Task Every_discovery_url_comes_from_the_configured_issuer_whatever_the_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";

        using var response = await platform.Gateway.SendAsync(request, Cancel);
        var discovery = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var issuer = discovery.GetProperty("issuer").GetString()!;
        var urls = discovery.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.StartsWith("http", StringComparison.Ordinal))
            .Select(p => (p.Name, Url: p.Value.GetString()!)).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(urls, u => u.Name == "jwks_uri");
        Assert.All(urls, u => Assert.True(u.Url.StartsWith(issuer.TrimEnd('/'), StringComparison.Ordinal), $"{u.Name}: {u.Url} (issuer {issuer})"));
        Assert.DoesNotContain("attacker.example", discovery.ToString());
    }

    [Fact]
    public async Task A_malformed_body_to_the_gateways_own_endpoint_is_a_400_that_names_no_dotnet_type()
    {
        var admin = await AdminTokenAsync();
        using var wrongType = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients")
        {
            Content = new StringContent("""{"clientId":5,"scopes":"directory.read"}""", Encoding.UTF8, "application/json"),
        }, admin), Cancel);
        using var noBody = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients")
        {
            Content = new StringContent("", Encoding.UTF8, "application/json"),
        }, admin), Cancel);

        foreach (var response in new[] { wrongType, noBody })
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("CooperationPlatform", body);
            Assert.DoesNotContain("System.", body);
            Assert.DoesNotContain("PartnerClientRequest", body);
        }
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415_whose_type_is_rfc_9110s_415_section()
    {
        using var request = PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients") { Content = new ByteArrayContent("{}"u8.ToArray()) }, await AdminTokenAsync());

        using var response = await platform.Gateway.SendAsync(request, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.16", problem.GetProperty("type").GetString());
    }

    /// <summary>Written on the socket: a client library would refuse or rewrite some of these requests before sending them.</summary>
    public static TheoryData<string, int, string> RawRequests => new()
    {
        { $"GET /api/directory/v1/info?q={new string('a', 10 * 1024)} HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n", 414, "rfc9110#section-15.5.15" },
        { $"GET /api/directory/v1/info HTTP/1.1\r\nHost: gateway\r\nX-Padding: {new string('x', 40 * 1024)}\r\nConnection: close\r\n\r\n", 431, "rfc6585#section-5" },
        { "GET /api/no-such-service/v1/things HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n", 404, "rfc9110#section-15.5.5" },
        { "DELETE /docs HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n", 405, "rfc9110#section-15.5.6" },
        { "POST /api/directory/v1/institutions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n", 413, "rfc9110#section-15.5.14" },
    };

    [Theory]
    [MemberData(nameof(RawRequests))]
    public async Task Each_refusal_of_the_gateway_itself_is_problem_details_with_its_statuss_type(string request, int status, string typeSection)
    {
        var (actualStatus, headers, body) = await RawAsync(request);

        Assert.Equal(status, actualStatus);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.EndsWith(typeSection, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_requests_have_a_budget_of_their_own_that_anonymous_reads_do_not_spend()
    {
        var caller = ForwardedAddress();
        var (readLimit, before, _) = await AnonymousReadAsync(caller);

        using var tokenResponse = await TokenRequestAsync(caller);
        var (_, after, reset) = await AnonymousReadAsync(caller);

        // The token request counted against its own limit, not against the address's anonymous reads.
        Assert.Equal(AppHostStack.TokenPermits.ToString(CultureInfo.InvariantCulture), tokenResponse.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal((AppHostStack.TokenPermits - 1).ToString(CultureInfo.InvariantCulture), tokenResponse.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.NotEqual(AppHostStack.TokenPermits, readLimit);
        Assert.True(after >= before - 1, $"RateLimit-Remaining of anonymous reads went from {before} to {after} across one token request");
        Assert.InRange(reset, 1, 60);
    }

    [Fact]
    public async Task A_flood_of_token_requests_from_one_address_gets_429_with_rate_limit_reset_while_another_address_gets_its_token()
    {
        var flooder = ForwardedAddress();
        HttpResponseMessage? refused = null;
        // Fixed windows: a flood straddling a window's end may stay under the limit in both, so it goes on until one must be over.
        for (var i = 0; i <= 2 * AppHostStack.TokenPermits && refused is null; i++)
        {
            var response = await TokenRequestAsync(flooder);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }
        using var other = await TokenRequestAsync(ForwardedAddress(), platform.Partners.DevelopmentClient);

        Assert.NotNull(refused);
        using var _ = refused;
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After");
        Assert.InRange(int.Parse(refused.Headers.GetValues("RateLimit-Reset").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static string ForwardedAddress() => $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";

    private async Task<HttpResponseMessage> TokenRequestAsync(string forwardedFor, ClientCredentials? client = null)
    {
        var credentials = client ?? new ClientCredentials("no-such-client", "wrong");
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = credentials.ClientId, ["client_secret"] = credentials.ClientSecret,
            }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await platform.Gateway.SendAsync(request, Cancel);
    }

    private async Task<(long Limit, long Remaining, int Reset)> AnonymousReadAsync(string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/directory/v1/info?n={Guid.NewGuid():N}");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await platform.Gateway.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        long Header(string name) => long.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
        return (Header("RateLimit-Limit"), Header("RateLimit-Remaining"), (int)Header("RateLimit-Reset"));
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string token)
    {
        using var response = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, path), token), Cancel);
        return response.StatusCode;
    }

    /// <summary>Sends <paramref name="request"/> as it is and reads the answer to the end (the request asks to close).</summary>
    private async Task<(int Status, string Headers, string Body)> RawAsync(string request)
    {
        var gateway = platform.ServiceUrl("gateway");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Host, gateway.Port, timeout.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, timeout.Token);
        }
        catch (IOException)
        {
            // The server may reset the connection after answering a request it did not read to the end.
        }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no answer: '{text}'");
        var head = text[..split];
        var body = text[(split + 4)..];
        if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }
        return (int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture), head, body);
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = int.Parse(chunked[position..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToString();
            }
            body.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
