using StackExchange.Redis;

namespace CooperationPlatform.Gateway.Edge;

public sealed record RateLimitSettings
{
    public int ClientPermits { get; init; } = 1200;
    public int AnonymousPermits { get; init; } = 300;
    public int WindowSeconds { get; init; } = 60;
}

public readonly record struct RateLimitDecision(bool Allowed, int Limit, long Remaining, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters in Redis, so every gateway instance counts against the same limit.
/// One round trip per request: a script increments the window's counter and starts its expiry on the first hit.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, ILogger<RedisRateLimiter> logger)
{
    private static readonly LuaScript CountHit = LuaScript.Prepare(
        """
        local count = redis.call('INCR', @key)
        if count == 1 then redis.call('PEXPIRE', @key, @windowMs) end
        return { count, redis.call('PTTL', @key) }
        """);

    public async Task<RateLimitDecision> HitAsync(string partition, int limit, TimeSpan window)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(CountHit,
                new { key = (RedisKey)$"gateway:rate:{partition}", windowMs = (long)window.TotalMilliseconds }))!;
            var count = (long)result[0];
            var retryAfter = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
            return new RateLimitDecision(count <= limit, limit, Math.Max(0, limit - count), retryAfter);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Availability over accounting: with Redis down, requests pass and the health check says why.
            logger.LogWarning(e, "Rate limiting skipped: Redis is not reachable");
            return new RateLimitDecision(true, limit, limit, TimeSpan.Zero);
        }
    }
}
