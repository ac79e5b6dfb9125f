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
    /// HybridCache with Redis as its second level, plus the shared <see cref="IConnectionMultiplexer"/>,
    /// from <c>ConnectionStrings:{connectionName}</c>.
    /// </summary>
    public static TBuilder AddRedisCache<TBuilder>(this TBuilder builder, string connectionName = "cache") where TBuilder : IHostApplicationBuilder
    {
        var options = ConfigurationOptions.Parse(builder.Configuration.GetRequiredConnectionString(connectionName));
        // Start even while Redis is down; the health check reports it and the multiplexer reconnects on its own.
        options.AbortOnConnectFail = false;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
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
