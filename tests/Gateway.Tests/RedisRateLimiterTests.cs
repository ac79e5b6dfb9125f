using CooperationPlatform.Gateway.Edge;
using CooperationPlatform.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CooperationPlatform.Gateway.Tests;

/// <summary>The limiter against a real Redis, as two gateway instances sharing it.</summary>
public sealed class RedisRateLimiterTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);

    [Fact]
    public async Task Two_instances_together_never_admit_more_than_the_limit()
    {
        var partition = $"client:{Guid.NewGuid():N}";
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var first = new RedisRateLimiter(_redis, clock, NullLogger<RedisRateLimiter>.Instance);
        var second = new RedisRateLimiter(_redis, clock, NullLogger<RedisRateLimiter>.Instance);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            (i % 2 == 0 ? first : second).HitAsync(partition, 100, TimeSpan.FromMinutes(1)).AsTask()));

        var admitted = decisions.Count(d => d.Allowed);
        // Never more than the limit. Fewer by a few: a request that found its instance's allowance empty while a concurrent
        // reservation was in flight is refused, and what that reservation brings may stay unspent when the burst is over.
        Assert.InRange(admitted, 100 - 10, 100);
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
    }

    [Fact]
    public async Task A_new_window_admits_again()
    {
        var partition = $"ip:{Guid.NewGuid():N}";
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var limiter = new RedisRateLimiter(_redis, clock, NullLogger<RedisRateLimiter>.Instance);
        for (var i = 0; i < 10; i++)
        {
            await limiter.HitAsync(partition, 10, TimeSpan.FromSeconds(10));
        }

        var overLimit = await limiter.HitAsync(partition, 10, TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        var nextWindow = await limiter.HitAsync(partition, 10, TimeSpan.FromSeconds(10));

        Assert.False(overLimit.Allowed);
        Assert.True(nextWindow.Allowed);
    }

    [Fact]
    public async Task Partitions_are_counted_apart()
    {
        var limiter = new RedisRateLimiter(_redis, new ManualClock(DateTimeOffset.UtcNow), NullLogger<RedisRateLimiter>.Instance);
        var flooder = $"client:{Guid.NewGuid():N}";
        for (var i = 0; i < 5; i++)
        {
            await limiter.HitAsync(flooder, 5, TimeSpan.FromMinutes(1));
        }

        var flooderAgain = await limiter.HitAsync(flooder, 5, TimeSpan.FromMinutes(1));
        var bystander = await limiter.HitAsync($"client:{Guid.NewGuid():N}", 5, TimeSpan.FromMinutes(1));

        Assert.False(flooderAgain.Allowed);
        Assert.True(bystander.Allowed);
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
