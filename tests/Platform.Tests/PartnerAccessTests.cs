using System.Net;
using System.Security.Cryptography;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.AppHost;
using CooperationPlatform.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CooperationPlatform.Platform.Tests;

/// <summary>OAuth 2.0 client credentials end to end: the gateway issues tokens, the services validate them themselves.</summary>
public sealed class PartnerAccessTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registered_client_reaches_a_protected_endpoint_with_its_token()
    {
        var client = await platform.Partners.RegisterClientAsync("reader", [PlatformScopes.DirectoryRead], Cancel);
        var token = await platform.Partners.TokenAsync(client, cancellationToken: Cancel);

        using var response = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/directory/v1/me"), token), Cancel);
        var caller = await response.Content.ReadFromJsonAsync<CallerResponse>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(client.ClientId, caller!.ClientId);
        Assert.Equal([PlatformScopes.DirectoryRead], caller.Scopes);
    }

    [Fact]
    public async Task Missing_tampered_and_foreign_audience_tokens_are_401_and_a_missing_scope_is_403()
    {
        var portfolioReader = await platform.Partners.RegisterClientAsync("portfolio-reader", [PlatformScopes.PortfolioRead], Cancel);
        var directoryWriter = await platform.Partners.RegisterClientAsync("directory-writer", [PlatformScopes.DirectoryWrite], Cancel);
        var foreignAudience = await platform.Partners.TokenAsync(portfolioReader, cancellationToken: Cancel);
        var writerToken = await platform.Partners.TokenAsync(directoryWriter, cancellationToken: Cancel);
        var tampered = writerToken[..^6] + (writerToken[^6..] == "AAAAAA" ? "BBBBBB" : "AAAAAA");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfMeAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfMeAsync(tampered));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfMeAsync(foreignAudience));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOfMeAsync(writerToken));
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_gateway_key_is_401_at_the_gateway_and_at_the_service()
    {
        var discovery = await platform.Gateway.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Cancel);
        var issuer = discovery.GetProperty("issuer").GetString()!;
        using var signingKey = RSA.Create();
        signingKey.ImportPkcs8PrivateKey(Convert.FromBase64String(PlatformSecrets.LoadOrCreate(platform.DataDirectory).GatewaySigningKey), out _);
        string TokenExpiring(DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                ["client_id"] = "expired-partner",
                ["sub"] = "expired-partner",
                ["scope"] = PlatformScopes.DirectoryRead,
                ["aud"] = PlatformScopes.AudiencesOf(PlatformScopes.DirectoryRead).ToArray(),
            },
            IssuedAt = expires.AddMinutes(-30),
            NotBefore = expires.AddMinutes(-30),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey), SecurityAlgorithms.RsaSha256),
        });
        var expired = TokenExpiring(DateTime.UtcNow.AddMinutes(-5));
        using var direct = new HttpClient { BaseAddress = platform.ServiceUrl("directory-api") };

        // The same token with a lifetime left is accepted: only its expiry differs.
        Assert.Equal(HttpStatusCode.OK, await StatusOfMeAsync(TokenExpiring(DateTime.UtcNow.AddMinutes(5))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfMeAsync(expired));
        using var atTheService = await direct.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/directory/v1/me"), expired), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, atTheService.StatusCode);
    }

    [Fact]
    public async Task A_partner_cannot_change_another_partners_record_unless_it_is_platform_admin()
    {
        var owner = await platform.Partners.TokenAsync(await platform.Partners.RegisterClientAsync("owner", [PlatformScopes.DirectoryWrite], Cancel), cancellationToken: Cancel);
        var other = await platform.Partners.TokenAsync(await platform.Partners.RegisterClientAsync("other", [PlatformScopes.DirectoryWrite], Cancel), cancellationToken: Cancel);
        var admin = await platform.Partners.TokenAsync(platform.Partners.DevelopmentClient, PlatformScopes.PlatformAdmin, Cancel);
        var institution = new Dictionary<string, object>
        {
            ["name"] = $"Ownership Test Energy Agency {Guid.NewGuid():N}",
            ["type"] = "ministry-or-government-agency",
            ["country"] = "ETH",
            ["city"] = "Addis Ababa",
            ["sectors"] = new[] { "renewable-energy" },
        };
        using var created = await platform.Gateway.SendAsync(PartnerAccess.WithToken(
            new(HttpMethod.Post, "/api/directory/v1/institutions") { Content = JsonContent.Create(institution) }, owner), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString();
        HttpRequestMessage Update(string token, string acronym)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/v1/institutions/{id}")
            {
                Content = JsonContent.Create(new Dictionary<string, object>(institution) { ["acronym"] = acronym }),
            };
            request.Headers.IfMatch.Add(created.Headers.ETag!);
            return PartnerAccess.WithToken(request, token);
        }

        using var byOther = await platform.Gateway.SendAsync(Update(other, "OTHER"), Cancel);
        using var byAdmin = await platform.Gateway.SendAsync(Update(admin, "ADMIN"), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal("application/problem+json", byOther.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        var stored = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/directory/v1/institutions/{id}", Cancel);
        Assert.Equal("ADMIN", stored.GetProperty("acronym").GetString());
    }

    [Fact]
    public async Task A_request_that_bypasses_the_gateway_still_needs_a_valid_token()
    {
        var client = await platform.Partners.RegisterClientAsync("direct", [PlatformScopes.EventsRead], Cancel);
        var token = await platform.Partners.TokenAsync(client, cancellationToken: Cancel);
        using var direct = new HttpClient { BaseAddress = platform.ServiceUrl("events-api") };

        using var anonymous = await direct.GetAsync("/api/events/v1/me", Cancel);
        using var withToken = await direct.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/api/events/v1/me"), token), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task Admin_endpoints_need_platform_admin()
    {
        var partner = await platform.Partners.RegisterClientAsync("not-admin", [PlatformScopes.DirectoryWrite], Cancel);
        var token = await platform.Partners.TokenAsync(partner, cancellationToken: Cancel);

        using var anonymous = await platform.Gateway.GetAsync("/admin/clients", Cancel);
        using var notAdmin = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/admin/clients"), token), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    [Fact]
    public async Task A_rotated_secret_stops_working_at_once()
    {
        var client = await platform.Partners.RegisterClientAsync("rotating", [PlatformScopes.AnalyticsRead], Cancel);
        var adminToken = await platform.Partners.TokenAsync(platform.Partners.DevelopmentClient, cancellationToken: Cancel);

        using var rotate = await platform.Gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Post, $"/admin/clients/{client.ClientId}/secret"), adminToken), Cancel);
        var rotated = await rotate.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        using var withOldSecret = await platform.Partners.RequestTokenAsync(client, cancellationToken: Cancel);
        using var withNewSecret = await platform.Partners.RequestTokenAsync(client with { ClientSecret = rotated.GetProperty("clientSecret").GetString()! }, cancellationToken: Cancel);

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.False(withOldSecret.IsSuccessStatusCode);
        Assert.Equal("invalid_client", (await withOldSecret.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, withNewSecret.StatusCode);
    }

    [Fact]
    public async Task A_client_gets_only_the_scopes_it_holds_and_asking_for_another_is_invalid_scope()
    {
        var client = await platform.Partners.RegisterClientAsync("narrow", [PlatformScopes.DirectoryRead], Cancel);

        using var response = await platform.Partners.RequestTokenAsync(client, PlatformScopes.PlatformAdmin, Cancel);
        using var held = await platform.Partners.RequestTokenAsync(client, PlatformScopes.DirectoryRead, Cancel);

        // RFC 6749, section 5.2: a scope the client may not have is invalid_scope.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
    }

    [Fact]
    public async Task Registering_a_client_with_an_unknown_scope_names_the_field()
    {
        var adminToken = await platform.Partners.TokenAsync(platform.Partners.DevelopmentClient, cancellationToken: Cancel);
        using var request = PartnerAccess.WithToken(new(HttpMethod.Post, "/admin/clients")
        {
            Content = JsonContent.Create(new { clientId = $"bad-{Guid.NewGuid():N}", scopes = new[] { "directory.read", "everything" } }),
        }, adminToken);

        using var response = await platform.Gateway.SendAsync(request, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes[1]", out _), problem.ToString());
    }

    private async Task<HttpStatusCode> StatusOfMeAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/v1/me");
        using var response = await platform.Gateway.SendAsync(token is null ? request : PartnerAccess.WithToken(request, token), Cancel);
        return response.StatusCode;
    }
}
