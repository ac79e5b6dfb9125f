using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>
/// <c>POST /connect/token</c> (client credentials). OpenIddict has already authenticated the client and checked that each requested
/// scope is one it holds; this turns the grant into an access token for the services those scopes reach.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";
    public const string GatewayAudience = "gateway";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueAsync)
            .WithName("issue-token")
            .WithSummary("Issues an access token to a partner client (OAuth 2.0 client credentials).")
            .WithTags("Partner access")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, PartnerClients clients)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request: is the OpenIddict server middleware on?");
        if (!request.IsClientCredentialsGrantType())
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict authenticated a client that does not exist.");

        // No scope asked for: grant every scope the client holds, so a plain request just works.
        var scopes = request.GetScopes() is { IsEmpty: false } requested ? [.. requested] : await clients.ScopesOfAsync(application, context.RequestAborted);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.ClientId, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted));
        identity.SetScopes(scopes);
        identity.SetResources([GatewayAudience, .. scopes.SelectMany(PlatformScopes.AudiencesOf).Distinct()]);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
