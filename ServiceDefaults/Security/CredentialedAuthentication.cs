using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CooperationPlatform.ServiceDefaults.Security;

/// <summary>Paths that an authentication handler answers itself (a token server's endpoints), authenticated even without credentials.</summary>
public sealed class AuthenticationHandlerPaths
{
    public List<PathString> Prefixes { get; } = [];
}

/// <summary>
/// Runs the authentication handlers only for requests that carry credentials (an Authorization header), that reach an endpoint
/// requiring authorization (its handler may have to challenge), or that a handler answers itself. Most requests are anonymous
/// reads, and asking every handler about them finds nothing at a real cost: on the gateway it was a fifth of its CPU (OpenIddict's
/// handlers). A request without credentials is anonymous either way.
/// </summary>
public sealed class CredentialedAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes, IOptions<AuthenticationHandlerPaths> handlerPaths)
{
    private readonly AuthenticationMiddleware _authentication = new(context => RefuseRevokedAsync(context, next), schemes);
    private readonly PathString[] _handlerPaths = [.. handlerPaths.Value.Prefixes];

    public Task InvokeAsync(HttpContext context) => NeedsAuthentication(context.Request) ? _authentication.Invoke(context) : next(context);

    /// <summary>
    /// Runs once the handler has validated a token: a token of a revoked client (<see cref="ClientRevocations"/>) counts as a
    /// failed authentication, so a scoped endpoint answers 401. (An IClaimsTransformation could only make the caller anonymous
    /// inside a successful result, which authorization answers with 403. OpenIddict, at the gateway, answers 403 to any challenge
    /// for a token it found valid, so the gateway also rejects revoked tokens inside OpenIddict's validation.)
    /// </summary>
    private static async Task RefuseRevokedAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.RequestServices.GetService<ClientRevocations>() is { } revocations
            && await revocations.IsRevokedAsync(context.User))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (context.Features.Get<IAuthenticateResultFeature>() is { } result)
            {
                result.AuthenticateResult = AuthenticateResult.Fail("The token's client has been deleted or its secret rotated since the token was issued.");
            }
        }
        await next(context);
    }

    private bool NeedsAuthentication(HttpRequest request)
    {
        if (request.Headers.ContainsKey(HeaderNames.Authorization) || RequiresAuthorization(request.HttpContext.GetEndpoint()))
        {
            return true;
        }
        foreach (var prefix in _handlerPaths)
        {
            if (request.Path.StartsWithSegments(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static bool RequiresAuthorization(Endpoint? endpoint) =>
        endpoint is not null && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null);
}

public static class CredentialedAuthentication
{
    // The key UseAuthentication() sets: without it WebApplication adds its own authentication middleware, for every request.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseCredentialedAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<CredentialedAuthenticationMiddleware>();
    }
}
