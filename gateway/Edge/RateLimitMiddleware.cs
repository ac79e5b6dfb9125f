using System.Globalization;
using CooperationPlatform.Gateway.Identity;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Health;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>
/// Limits each partner client (by its token's client id) and each anonymous caller (by IP address) to a number of requests per
/// window, across all gateway instances. Over the limit: 429 with <c>Retry-After</c> and problem details. Probes are not counted,
/// nor is the token endpoint, which has a budget of its own (<see cref="TokenRateLimitMiddleware"/>): anonymous reads must not
/// lock a partner out of getting a token.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RedisRateLimiter limiter, IOptions<RateLimitSettings> settings, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HealthEndpoints.IsProbe(context.Request.Path) || context.Request.Path.StartsWithSegments(TokenEndpoint.Path))
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
        if (await RateLimitAnswers.AdmitAsync(context, decision, problems,
            $"The limit is {decision.Limit} requests per {limits.WindowSeconds} s for {(clientId is null ? "anonymous callers per IP address" : "each partner client")}."))
        {
            await next(context);
        }
    }
}

/// <summary>
/// The token endpoint's own limit per IP address, before authentication so that failed attempts (a guessed secret) count too.
/// Its own partition: a partner whose address also makes anonymous reads still gets its token.
/// </summary>
public sealed class TokenRateLimitMiddleware(RequestDelegate next, RedisRateLimiter limiter, IOptions<RateLimitSettings> settings, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(TokenEndpoint.Path))
        {
            await next(context);
            return;
        }
        var limits = settings.Value;
        var decision = await limiter.HitAsync($"token:{context.Connection.RemoteIpAddress}", limits.TokenPermits, TimeSpan.FromSeconds(limits.WindowSeconds));
        if (await RateLimitAnswers.AdmitAsync(context, decision, problems,
            $"The limit is {decision.Limit} token requests per {limits.WindowSeconds} s per IP address."))
        {
            await next(context);
        }
    }
}

public static class RateLimitAnswers
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    /// <summary>
    /// Puts the counts on the answer (<c>RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c>, the seconds until the window
    /// ends) and, over the limit, answers 429; returns whether the request may go on.
    /// </summary>
    public static async Task<bool> AdmitAsync(HttpContext context, RateLimitDecision decision, IProblemDetailsService problems, string limitDescription)
    {
        var resetSeconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        // Written as the answer starts, after the output cache has copied a stored answer's headers, which hold the counts of the
        // request that filled it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[LimitHeader] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingHeader] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers[ResetHeader] = resetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (decision.Allowed)
        {
            return true;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = resetSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"{limitDescription} Retry after {resetSeconds} s.",
                Type = ProblemMapping.TypeFor(StatusCodes.Status429TooManyRequests),
            },
        });
        return false;
    }
}
