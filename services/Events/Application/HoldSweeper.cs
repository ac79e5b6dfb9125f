using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Events.Application;

public sealed class HoldOptions
{
    public const string Section = "Events:Holds";

    /// <summary>How often expired holds are looked for between registrations.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Lets expired holds lapse on events where nothing else takes the lock for a while (every registration, confirmation, cancellation
/// and resize lets them lapse first anyway). It finds the events with an expired hold without locking, then lapses each event's holds
/// through <see cref="Registrar.LapseExpiredHoldsAsync"/>, which takes the event's lock and looks again under it; so it moves seats
/// under the same discipline as everything else, and finding nothing there (someone was faster) is harmless.
/// </summary>
public sealed class HoldSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HoldOptions> options, ILogger<HoldSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Letting expired holds lapse failed; trying again at the next round");
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> events;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
            events = await (from r in db.Registrations.AsNoTracking()
                            join e in db.Events on r.EventId equals e.Id
                            where r.ActivityId == null && r.Status == RegistrationStatus.Held && r.HoldExpiresAt <= now
                                && e.Status != EventStatus.Concluded
                            select r.EventId).Distinct().ToListAsync(cancellationToken);
        }
        foreach (var eventId in events)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Registrar>().LapseExpiredHoldsAsync(eventId, cancellationToken);
        }
    }
}
