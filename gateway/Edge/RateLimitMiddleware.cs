using System.Globalization;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>
/// Limits each partner client (by its token's client id) and each anonymous caller (by IP address) to a number of requests per
/// window, across all gateway instances. Over the limit: 429 with <c>Retry-After</c> and problem details. Probes are not counted.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RedisRateLimiter limiter, IOptions<RateLimitSettings> settings, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HealthEndpoints.IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }
        var limits = settings.Value;
        var clientId = context.User.Identity?.IsAuthenticated == true ? context.User.GetClientId() : null;
        var (partition, limit) = clientId is not null
            ? ($"client:{clientId}", limits.ClientPermits)
            : ($"ip:{context.Connection.RemoteIpAddress}", limits.AnonymousPermits);
        var decision = await limiter.HitAsync(partition, limit, TimeSpan.FromSeconds(limits.WindowSeconds));
        // Written as the answer starts, after the output cache has copied a stored answer's headers, which hold the counts of the
        // request that filled it.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (decision.Allowed)
        {
            await next(context);
            return;
        }
        var retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The limit is {decision.Limit} requests per {limits.WindowSeconds} s for {(clientId is null ? "anonymous callers per IP address" : "each partner client")}. Retry after {retryAfterSeconds} s.",
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
            },
        });
    }
}
