using Microsoft.AspNetCore.OutputCaching;

namespace CooperationPlatform.Portal;

/// <summary>
/// The headers of the portal's answers. An anonymous page that rendered all its data is sent with
/// <c>Cache-Control: public, max-age=N</c>, which is what the gateway's output cache (gateway/Edge/GatewayOutputCache.cs) needs to
/// store it; a page that could not render everything, a 404 and an error page are never cached.
/// </summary>
public static class PageResponse
{
    public const string OutputCachePolicy = "pages";

    /// <summary>
    /// Scripts, styles, fonts and forms from the portal's own origin only; no inline script or style (the pages have none: charts are
    /// SVG attributes, not style attributes). Images may be data: URIs.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Called by a page that shows "unavailable" for part of itself: that answer must not be cached anywhere.</summary>
    public static void NotCacheable(HttpContext? context)
    {
        if (context is null || context.Response.HasStarted)
        {
            return;
        }
        context.Response.Headers.CacheControl = "no-store";
        if (context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }
    }

    /// <summary>
    /// A page whose main content is missing: 404 (an unknown id) or 503 (its service is down), never cached. The page renders its
    /// own message: the portal has no status code pages, whose re-execution Blazor would take over (it then writes no content).
    /// </summary>
    public static void SetStatus(HttpContext? context, int status)
    {
        if (context is null || context.Response.HasStarted)
        {
            return;
        }
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        NotCacheable(context);
    }

    public static IApplicationBuilder UsePageHeaders(this IApplicationBuilder app, int cacheSeconds) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            var headers = response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            var isPage = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            if (isPage && headers.CacheControl.Count == 0)
            {
                var request = context.Request;
                var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                    && response.StatusCode == StatusCodes.Status200OK
                    && !headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.SetCookie);
                // A request with a cookie may have chosen its language by it: only the browser may keep that answer.
                headers.CacheControl = !cacheable ? "no-store"
                    : request.Headers.Cookie.Count == 0 ? $"public, max-age={cacheSeconds}"
                    : $"private, max-age={cacheSeconds}";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
