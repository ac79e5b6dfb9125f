using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Messaging;

namespace CooperationPlatform.Portfolio.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<PortfolioDbContext>("portfoliodb");
        builder.AddRedisCache();
        builder.AddMessaging<PortfolioDbContext>();
        return builder;
    }
}
