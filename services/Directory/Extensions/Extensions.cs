using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;
using CooperationPlatform.ServiceDefaults.Messaging;

namespace CooperationPlatform.Directory.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<DirectoryDbContext>("directorydb");
        builder.AddRedisCache();
        builder.AddMessaging<DirectoryDbContext>();
        return builder;
    }
}
