using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CooperationPlatform.ServiceDefaults.Caching;

public static class RedisExtensions
{
    /// <summary>
    /// HybridCache with Redis as its second level, plus the shared <see cref="IConnectionMultiplexer"/> (Aspire's Redis client, with
    /// its tracing), from <c>ConnectionStrings:{connectionName}</c>.
    /// </summary>
    public static TBuilder AddRedisCache<TBuilder>(this TBuilder builder, string connectionName = "cache") where TBuilder : IHostApplicationBuilder
    {
        // Fails at start with the same message as the databases, where Aspire's client would fail at the first use.
        builder.Configuration.GetRequiredConnectionString(connectionName);
        builder.AddRedisClient(connectionName, settings =>
        {
            // Ours below instead: Aspire's is named "StackExchange.Redis" and reports an outage as Unhealthy.
            settings.DisableHealthChecks = true;
            // Connected at first use, as before: connecting at start would hold start-up for the connect timeout while Redis is down.
            settings.DisableAutoActivation = true;
        },
        // Start even while Redis is down; the health check reports it and the multiplexer reconnects on its own.
        options => options.AbortOnConnectFail = false);

        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((cache, redis) =>
        {
            cache.InstanceName = builder.Environment.ApplicationName + ":";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
        });
        builder.Services.AddHybridCache();
        // A cache outage degrades the service (it reads through to its database) but leaves it ready.
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(connectionName, failureStatus: HealthStatus.Degraded);
        return builder;
    }
}

public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is not reachable.", e);
        }
    }
}
