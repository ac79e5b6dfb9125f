using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.IntegrationEvents;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;

namespace CooperationPlatform.Directory.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<DirectoryDbContext>("directorydb");
        builder.Services.AddHostedService<TrackCountRecount>();
        builder.AddRedisCache();
        builder.AddMessaging<DirectoryDbContext>(messaging => messaging.AddIntegrationEventHandler<PortfolioProjectHandler>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<InstitutionService>();
        builder.Services.AddScoped<MembershipService>();
        builder.Services.AddScoped<ListingService>();
        builder.Services.AddScoped<InstitutionSearch>();
        builder.Services.AddScoped<PartnerMatching>();
        builder.Services.AddScoped<InstitutionImport>();
        return builder;
    }
}
