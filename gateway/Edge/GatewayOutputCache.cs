using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>
/// Caches anonymous GET/HEAD responses in Redis, but only those the service marked <c>Cache-Control: public, max-age=N</c>,
/// for N seconds: the service knows what may be stale and for how long (analytics never marks its figures public).
/// Stored headers (ETag, Cache-Control) are served as they came, and If-None-Match gets a 304.
/// </summary>
public sealed class GatewayOutputCache(TimeProvider clock) : IOutputCachePolicy
{
    public const string PolicyName = "service-directed";

    // A path whose last answer could not be cached is not looked up in Redis for a while: most reads are not cacheable,
    // and a lookup costs a round trip.
    private static readonly TimeSpan UncacheableMemory = TimeSpan.FromSeconds(30);
    private const int MaxRememberedPaths = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _uncacheableUntil = new(StringComparer.Ordinal);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Headers.ContainsKey(HeaderNames.Cookie)
            && !(_uncacheableUntil.TryGetValue(request.Path.Value ?? "", out var until) && until > clock.GetUtcNow());
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
            Remember(context.HttpContext.Request.Path.Value ?? "");
            return ValueTask.CompletedTask;
        }
        context.ResponseExpirationTimeSpan = maxAge;
        _uncacheableUntil.TryRemove(context.HttpContext.Request.Path.Value ?? "", out _);
        return ValueTask.CompletedTask;
    }

    private void Remember(string path)
    {
        if (_uncacheableUntil.Count >= MaxRememberedPaths)
        {
            _uncacheableUntil.Clear();
        }
        _uncacheableUntil[path] = clock.GetUtcNow() + UncacheableMemory;
    }
}
