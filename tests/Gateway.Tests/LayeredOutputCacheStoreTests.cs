using CooperationPlatform.Gateway.Edge;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CooperationPlatform.Gateway.Tests;

/// <summary>The gateway's output cache as two instances see it: each its own memory, one real Redis between them.</summary>
public sealed class LayeredOutputCacheStoreTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const long MemoryLimit = 1024 * 1024;
    private readonly string _instanceName = $"test:output:{Guid.NewGuid():N}:";
    private ServiceProvider _services = null!;
    private ConnectionMultiplexer _redis = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        _services = new ServiceCollection()
            .AddStackExchangeRedisOutputCache(options =>
            {
                options.InstanceName = _instanceName;
                options.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(_redis);
            })
            .BuildServiceProvider();
    }

    private LayeredOutputCacheStore NewInstance(TimeProvider clock) => new(_services.GetRequiredService<IOutputCacheStore>(), clock, MemoryLimit);

    [Fact]
    public async Task An_entry_stored_by_one_instance_is_served_by_another_and_then_from_its_memory()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var first = NewInstance(clock);
        using var second = NewInstance(clock);
        byte[] answer = [1, 2, 3, 4];

        await first.SetAsync("sectors", answer, null, TimeSpan.FromSeconds(30), Cancel);
        var fromShared = await second.GetAsync("sectors", Cancel);
        await _redis.GetDatabase().KeyDeleteAsync(_instanceName + "sectors");
        var fromMemory = await second.GetAsync("sectors", Cancel);

        Assert.Equal(answer, fromShared);
        Assert.Equal(answer, fromMemory);
    }

    [Fact]
    public async Task An_instance_keeps_an_entry_it_read_from_redis_no_longer_than_the_entry_may_be_served()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var writer = NewInstance(clock);
        using var reader = NewInstance(clock);
        await writer.SetAsync("sectors", [7], null, TimeSpan.FromSeconds(10), Cancel);

        clock.Advance(TimeSpan.FromSeconds(8));
        var beforeExpiry = await reader.GetAsync("sectors", Cancel);
        clock.Advance(TimeSpan.FromSeconds(3));
        var afterExpiry = await reader.GetAsync("sectors", Cancel);
        var writerAfterExpiry = await writer.GetAsync("sectors", Cancel);

        Assert.NotNull(beforeExpiry);
        Assert.Null(afterExpiry);
        Assert.Null(writerAfterExpiry);
    }

    [Fact]
    public async Task A_missing_entry_is_a_miss_in_both_layers()
    {
        using var store = NewInstance(new ManualClock(DateTimeOffset.UtcNow));

        Assert.Null(await store.GetAsync($"absent-{Guid.NewGuid():N}", Cancel));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
