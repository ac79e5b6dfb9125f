using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Mail;
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
        builder.Services.Configure<HoldOptions>(builder.Configuration.GetSection(HoldOptions.Section));
        builder.Services.AddHostedService<HoldSweeper>();
        // Participant mail: written to the outbox in the transaction that decides it, then handed to the sender by the relay. A real
        // sender is registered before this line (TryAdd keeps it); until there is one, the development sender keeps the messages readable.
        builder.Services.Configure<ParticipantMailOptions>(builder.Configuration.GetSection(ParticipantMailOptions.Section));
        builder.Services.AddScoped<IParticipantMail, ParticipantMail>();
        builder.Services.TryAddSingleton<IParticipantMailSender, DevelopmentMailSender>();
        builder.Services.AddHostedService<ParticipantMailRelay>();
        return builder;
    }
}
