using Microsoft.AspNetCore.Routing;

namespace CooperationPlatform.Gateway.Proxy;

/// <summary>
/// The web portal (<c>web</c>) behind the gateway at <c>/</c>: every path that is not the API's or the gateway's own goes to it,
/// with the lowest precedence of all routes. What stays with the API and the gateway is <see cref="ReservedSegments"/>: an unknown
/// path under one of them is the gateway's 404 (problem details), as before the portal existed, never a portal page.
/// </summary>
public static class PortalRoute
{
    public const string RouteId = "portal";
    public const string ResourceName = "web";

    /// <summary>Resolved by service discovery from <c>services:web:http:0</c>, as the AppHost (or Aspire) injects it.</summary>
    public const string ServiceAddress = "http://" + ResourceName;

    /// <summary>The route's order: after every other route (YARP's and the gateway's own endpoints are at 0 or below).</summary>
    public const int Order = int.MaxValue;

    public const string ConstraintName = "portalpath";

    /// <summary>
    /// First path segments the portal never answers: the services' API and OpenAPI documents (proxied), and what the gateway serves
    /// itself: the API reference, health probes, the token endpoint, partner-client administration, OpenID discovery.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedSegments = ["api", "openapi", "docs", "health", "alive", "connect", "admin", ".well-known"];

    public const string Pattern = "/{**path:" + ConstraintName + "}";

    /// <summary>Whether the path (without its leading slash; empty for <c>/</c>) belongs to the portal.</summary>
    public static bool IsPortalPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return true;
        }
        var trimmed = path.TrimStart('/');
        var end = trimmed.IndexOf('/', StringComparison.Ordinal);
        var first = end < 0 ? trimmed : trimmed[..end];
        return !ReservedSegments.Any(reserved => string.Equals(reserved, first, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What a browser gets when the portal itself does not answer (in its four languages: the gateway knows no preference).</summary>
    public const string UnavailablePage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Temporarily unavailable</title></head>
        <body><main>
        <h1>The portal is temporarily unavailable</h1>
        <p>Please try again in a moment. The platform's API stays available at <a href="/docs">/docs</a>.</p>
        <p lang="fr">Le portail est momentanément indisponible. Réessayez dans un instant.</p>
        <p lang="es">El portal no está disponible en este momento. Vuelva a intentarlo en un momento.</p>
        <p lang="zh">门户网站暂时无法访问，请稍后再试。</p>
        </main></body></html>
        """;

    /// <summary>Whether this request was routed to the portal.</summary>
    public static bool IsPortalRequest(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>()?.Config.RouteId == RouteId;
}

/// <summary>The catch-all's constraint: <c>/{**path:portalpath}</c> matches <c>/</c> and any path outside <see cref="PortalRoute.ReservedSegments"/>.</summary>
public sealed class PortalPathConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        PortalRoute.IsPortalPath(values.TryGetValue(routeKey, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null);
}
