using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Analytics.IntegrationEvents;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CooperationPlatform.Analytics.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().Bind(builder.Configuration.GetSection(AnalyticsOptions.SectionName));
        builder.Services.AddSingleton<IInterceptor, ProjectionChangeInterceptor>();
        builder.AddPostgresDbContext<AnalyticsDbContext>("analyticsdb");
        builder.AddRedisCache();
        builder.Services.AddSingleton<ViewCache>();
        builder.Services.AddScoped<Projector>();
        builder.Services.AddScoped<ProjectionQueries>();
        builder.Services.AddScoped<ProjectionRebuilder>();
        builder.Services.AddHttpClient<SnapshotClient>(http => http.Timeout = TimeSpan.FromMinutes(5));
        builder.AddMessaging<AnalyticsDbContext>(messaging => messaging
            .AddIntegrationEventHandler<PortfolioProjectionHandler>()
            .AddIntegrationEventHandler<DirectoryProjectionHandler>()
            .AddIntegrationEventHandler<EventsProjectionHandler>());
        return builder;
    }
}
