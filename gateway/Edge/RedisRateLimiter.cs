using System.Collections.Concurrent;
using StackExchange.Redis;

namespace CooperationPlatform.Gateway.Edge;

public sealed record RateLimitSettings
{
    public int ClientPermits { get; init; } = 1200;
    public int AnonymousPermits { get; init; } = 300;
    /// <summary>Token requests per IP address: a partner needs one token per half hour, a secret guesser many.</summary>
    public int TokenPermits { get; init; } = 60;
    public int WindowSeconds { get; init; } = 60;
}

public readonly record struct RateLimitDecision(bool Allowed, int Limit, long Remaining, TimeSpan RetryAfter);

/// <summary>
/// Fixed windows counted in Redis, so every gateway instance counts against the same limit. To spare a Redis round trip per
/// request, an instance reserves permits in small batches (a fiftieth of the limit) and spends them locally. Every admitted
/// request holds a permit reserved in Redis, so all instances together never admit more than the limit; an instance may leave a
/// few reserved permits unspent when a window ends.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, TimeProvider clock, ILogger<RedisRateLimiter> logger)
{
    private const int MaxTrackedPartitions = 100_000;

    private static readonly LuaScript Reserve = LuaScript.Prepare(
        """
        local count = redis.call('INCRBY', @key, @batch)
        if count == tonumber(@batch) then redis.call('PEXPIRE', @key, @windowMs) end
        return count
        """);

    private readonly ConcurrentDictionary<string, Allowance> _allowances = new();

    public async ValueTask<RateLimitDecision> HitAsync(string partition, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        var windowNumber = now / windowMs;
        var retryAfter = TimeSpan.FromMilliseconds((windowNumber + 1) * windowMs - now);
        var allowance = _allowances.GetOrAdd(partition, _ => new Allowance());
        if (allowance.TrySpend(windowNumber, out var exhausted))
        {
            return new RateLimitDecision(true, limit, allowance.EstimatedRemaining(limit), retryAfter);
        }
        if (exhausted)
        {
            return new RateLimitDecision(false, limit, 0, retryAfter);
        }

        var batch = Math.Max(1, limit / 50);
        long reservedTotal;
        try
        {
            reservedTotal = (long)await redis.GetDatabase().ScriptEvaluateAsync(Reserve,
                new { key = (RedisKey)$"gateway:rate:{partition}:{windowNumber}", batch, windowMs });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Availability over accounting: with Redis down, requests pass and the health check says why.
            logger.LogWarning(e, "Rate limiting skipped: Redis is not reachable");
            return new RateLimitDecision(true, limit, limit, retryAfter);
        }
        var granted = (int)Math.Clamp(limit - (reservedTotal - batch), 0, batch);
        allowance.Add(windowNumber, granted, reservedTotal);
        if (_allowances.Count > MaxTrackedPartitions)
        {
            Forget(windowNumber);
        }
        return allowance.TrySpend(windowNumber, out _)
            ? new RateLimitDecision(true, limit, allowance.EstimatedRemaining(limit), retryAfter)
            : new RateLimitDecision(false, limit, 0, retryAfter);
    }

    private void Forget(long currentWindow)
    {
        foreach (var (partition, allowance) in _allowances)
        {
            if (allowance.IsOlderThan(currentWindow))
            {
                _allowances.TryRemove(partition, out _);
            }
        }
    }

    /// <summary>The permits this instance holds for one partition in the current window.</summary>
    private sealed class Allowance
    {
        private readonly Lock _gate = new();
        private long _window = -1;
        private int _permits;
        private long _reservedTotal;
        private bool _exhausted;

        public bool TrySpend(long window, out bool exhausted)
        {
            lock (_gate)
            {
                if (_window != window)
                {
                    (_window, _permits, _reservedTotal, _exhausted) = (window, 0, 0, false);
                }
                exhausted = _exhausted;
                if (_permits == 0)
                {
                    return false;
                }
                _permits--;
                return true;
            }
        }

        public void Add(long window, int granted, long reservedTotal)
        {
            lock (_gate)
            {
                if (_window != window)
                {
                    (_window, _permits, _exhausted) = (window, 0, false);
                }
                _permits += granted;
                _reservedTotal = Math.Max(_reservedTotal, reservedTotal);
                _exhausted |= granted == 0;
            }
        }

        public long EstimatedRemaining(int limit)
        {
            lock (_gate)
            {
                return Math.Max(0, limit - _reservedTotal + _permits);
            }
        }

        public bool IsOlderThan(long window)
        {
            lock (_gate)
            {
                return _window < window;
            }
        }
    }
}
