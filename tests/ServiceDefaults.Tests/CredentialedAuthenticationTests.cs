using System.Text.Encodings.Web;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using CooperationPlatform.ServiceDefaults.Tests.Support;

namespace CooperationPlatform.ServiceDefaults.Tests;

/// <summary>Authentication handlers run for requests with credentials and for the paths a handler answers, and for no others.</summary>
public sealed class CredentialedAuthenticationTests : LoopbackAppTests
{
    private readonly AuthenticationCalls _calls = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_calls);
        builder.Services.AddAuthentication(CountingHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, CountingHandler>(CountingHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.Configure<AuthenticationHandlerPaths>(paths => paths.Prefixes.Add("/connect"));
    }

    protected override void Map(WebApplication app)
    {
        app.UseCredentialedAuthentication();
        app.UseAuthorization();
        app.MapGet("/public", () => TypedResults.Ok());
        app.MapPost("/connect/token", () => TypedResults.Ok());
        app.MapGet("/protected", () => TypedResults.Ok()).RequireAuthorization();
    }

    [Fact]
    public async Task An_anonymous_read_asks_no_handler()
    {
        using var response = await Client.GetAsync("/public", Cancel);

        response.EnsureSuccessStatusCode();
        Assert.Equal(0, _calls.Count);
    }

    [Fact]
    public async Task A_request_with_credentials_is_authenticated()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public") { Headers = { { "Authorization", "Bearer anything" } } };
        using var response = await Client.SendAsync(request, Cancel);

        response.EnsureSuccessStatusCode();
        Assert.Equal(1, _calls.Count);
    }

    [Fact]
    public async Task A_path_a_handler_answers_is_authenticated_without_credentials()
    {
        using var response = await Client.PostAsync("/connect/token", null, Cancel);

        response.EnsureSuccessStatusCode();
        Assert.Equal(1, _calls.Count);
    }

    [Fact]
    public async Task An_endpoint_requiring_authorization_is_authenticated_without_credentials()
    {
        using var response = await Client.GetAsync("/protected", Cancel);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, _calls.Count);
    }


    private sealed class AuthenticationCalls
    {
        private int _count;

        public int Count => _count;

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticationCalls calls)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "counting";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            calls.Add();
            return Task.FromResult(AuthenticateResult.NoResult());
        }
    }
}
