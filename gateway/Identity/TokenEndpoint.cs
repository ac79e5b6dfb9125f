using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CooperationPlatform.Gateway.Identity;

/// <summary>
/// <c>POST /connect/token</c> (client credentials). OpenIddict has already authenticated the client and checked that each requested
/// scope exists; this checks that the client holds each (<c>invalid_scope</c> otherwise, as RFC 6749 section 5.2 says: OpenIddict's
/// own check answers <c>invalid_request</c>) and turns the grant into an access token for the services those scopes reach.
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

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, PartnerClients clients,
        ClientRevocations revocations, TimeProvider clock)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request: is the OpenIddict server middleware on?");
        if (!request.IsClientCredentialsGrantType())
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict authenticated a client that does not exist.");

        // No scope asked for: grant every scope the client holds, so a plain request just works.
        var held = await clients.ScopesOfAsync(application, context.RequestAborted);
        var scopes = request.GetScopes() is { IsEmpty: false } requested ? [.. requested] : held;
        if (scopes.Except(held, StringComparer.Ordinal).ToList() is [_, ..] unheld)
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
                properties: new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidScope,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = $"This client does not hold the scope {string.Join(", ", unheld)}.",
                }));
        }
        await WaitPastRevocationAsync(request.ClientId!, revocations, clock, context.RequestAborted);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.ClientId, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted));
        identity.SetScopes(scopes);
        identity.SetResources([GatewayAudience, .. scopes.SelectMany(PlatformScopes.AudiencesOf).Distinct()]);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A token's issue time has whole seconds, and a token issued in the second of its client's revocation counts as revoked: a
    /// token asked for in that second (just after a rotation) is issued in the next one, so that it is valid.
    /// </summary>
    private static async Task WaitPastRevocationAsync(string clientId, ClientRevocations revocations, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await revocations.RevokedAtAsync(clientId) is not { } revokedAt)
        {
            return;
        }
        var nextSecond = DateTimeOffset.FromUnixTimeSeconds(revokedAt.ToUnixTimeSeconds() + 1);
        // A loop, not one delay: a timer may wake a millisecond before the wall clock has passed the second, and a token issued
        // then would carry the revocation's second and be refused.
        while (nextSecond - clock.GetUtcNow() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
