using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

using CooperationPlatform.ServiceDefaults.Tests.Support;

namespace CooperationPlatform.ServiceDefaults.Tests;

/// <summary>What a service does with a token: scope policies, audience, issuer, expiry, signature and ownership.</summary>
public sealed class PlatformAuthenticationTests : LoopbackAppTests
{
    protected override string? ApplicationName => "Directory.Api";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(TestTokens.ServiceConfiguration);
        builder.AddServiceDefaults();
    }

    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGet("/public", () => TypedResults.Ok());
        app.MapPost("/write", () => TypedResults.Ok()).WithSummary("A protected write.").RequireAuthorization(PlatformScopes.DirectoryWrite);
    }

    public static TheoryData<string, HttpStatusCode> Tokens => new()
    {
        { TestTokens.Create("partner-a", PlatformScopes.DirectoryWrite), HttpStatusCode.OK },
        { TestTokens.Create("admin", PlatformScopes.PlatformAdmin), HttpStatusCode.OK },
        { TestTokens.Create("partner-a", PlatformScopes.DirectoryRead), HttpStatusCode.Forbidden },
        { TestTokens.Create("partner-a", [PlatformScopes.DirectoryWrite], ["portfolio"]), HttpStatusCode.Unauthorized },
        { TestTokens.Create("partner-a", [PlatformScopes.DirectoryWrite], ["directory"], expires: DateTime.UtcNow.AddMinutes(-5)), HttpStatusCode.Unauthorized },
        { TestTokens.Create("partner-a", [PlatformScopes.DirectoryWrite], ["directory"], signingKey: new byte[32]), HttpStatusCode.Unauthorized },
        { TestTokens.Create("partner-a", PlatformScopes.DirectoryWrite)[..^4] + "AAAA", HttpStatusCode.Unauthorized },
        { "not-a-token", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Writes_need_a_valid_token_with_the_scope(string token, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/write") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Writes_without_a_token_are_401_problems_and_reads_are_anonymous()
    {
        using var write = await Client.PostAsync("/write", null, TestContext.Current.CancellationToken);
        using var read = await Client.GetAsync("/public", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_marks_protected_operations_with_theClient_credentials_scheme()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("partner-client");
        Assert.Equal("/connect/token", scheme.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        var write = document.GetProperty("paths").GetProperty("/write").GetProperty("post");
        Assert.Equal(PlatformScopes.DirectoryWrite, write.GetProperty("security")[0].GetProperty("partner-client")[0].GetString());
        var forbidden = write.GetProperty("responses").GetProperty("403");
        Assert.Equal(403, forbidden.GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("status").GetInt32());
    }

    [Fact]
    public void Only_the_owner_or_an_admin_may_change_a_record()
    {
        TestTokens.Principal("partner-a", PlatformScopes.DirectoryWrite).EnsureOwnerOrAdmin("partner-a");
        TestTokens.Principal("admin", PlatformScopes.PlatformAdmin).EnsureOwnerOrAdmin("partner-a");

        Assert.Throws<ForbiddenException>(() => TestTokens.Principal("partner-b", PlatformScopes.DirectoryWrite).EnsureOwnerOrAdmin("partner-a"));
        Assert.Throws<ForbiddenException>(() => TestTokens.Principal("partner-b", PlatformScopes.DirectoryWrite).EnsureOwnerOrAdmin(null));
    }

}
