using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Messaging;

namespace CooperationPlatform.Events.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<EventsDbContext>("eventsdb");
        builder.AddRedisCache();
        builder.AddMessaging();
        return builder;
    }
}
