using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Messaging;

namespace CooperationPlatform.Analytics.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<AnalyticsDbContext>("analyticsdb");
        builder.AddRedisCache();
        builder.AddMessaging();
        return builder;
    }
}
