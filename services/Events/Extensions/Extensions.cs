using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Caching;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CooperationPlatform.Events.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<EventsDbContext>("eventsdb");
        builder.AddRedisCache();
        builder.AddMessaging<EventsDbContext>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<Registrar>();
        builder.Services.AddSingleton<RegistrationLine>();
        builder.Services.AddScoped<Matchmaking>();
        builder.Services.AddScoped<EventCounter>();
        builder.Services.AddScoped<EventService>();
        builder.Services.AddScoped<ProgrammeService>();
        builder.Services.AddScoped<ExhibitorService>();
        return builder;
    }
}
