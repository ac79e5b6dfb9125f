using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>
/// Caches anonymous GET/HEAD responses in Redis, but only those the service marked <c>Cache-Control: public, max-age=N</c>,
/// for N seconds: the service knows what may be stale and for how long (analytics never marks its figures public).
/// Stored headers (ETag, Cache-Control) are served as they came, and If-None-Match gets a 304.
/// </summary>
public sealed class GatewayOutputCache : IOutputCachePolicy
{
    public const string PolicyName = "service-directed";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Headers.ContainsKey(HeaderNames.Cookie);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = new[] { HeaderNames.Accept, HeaderNames.AcceptEncoding };
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var maxAge = CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cacheControl) && cacheControl.Public && !cacheControl.NoStore
            ? cacheControl.MaxAge
            : null;
        if (response.StatusCode != StatusCodes.Status200OK || maxAge is not { TotalSeconds: > 0 } || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        context.ResponseExpirationTimeSpan = maxAge;
        return ValueTask.CompletedTask;
    }
}
