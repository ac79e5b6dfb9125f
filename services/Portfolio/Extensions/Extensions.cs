using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Application;
using CooperationPlatform.Portfolio.Iati;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.IntegrationEvents;
using CooperationPlatform.Portfolio.Search;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;

namespace CooperationPlatform.Portfolio.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<PortfolioDbContext>("portfoliodb");
        builder.AddRedisCache();
        builder.AddMessaging<PortfolioDbContext>(messaging => messaging.AddIntegrationEventHandler<InstitutionReplicaHandler>());

        builder.Services.Configure<IatiOptions>(builder.Configuration.GetSection(IatiOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InstitutionNumbers>();
        builder.Services.AddSingleton<ProjectSearchIndex>();
        builder.Services.AddHostedService<SearchIndexRefresher>();
        builder.Services.AddScoped<ProjectTextSearch>();
        builder.Services.AddScoped<ProjectCommands>();
        builder.Services.AddScoped<ProjectImport>();
        builder.Services.AddScoped<IatiExporter>();
        return builder;
    }
}
