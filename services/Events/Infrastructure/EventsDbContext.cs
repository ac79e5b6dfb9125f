using CooperationPlatform.Events.Model;
using CooperationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Infrastructure;

public sealed class EventsDbContext(DbContextOptions<EventsDbContext> options) : DbContext(options)
{
    /// <summary>Registrations take their arrival number from this sequence while their target is locked.</summary>
    public const string ArrivalSequence = "registration_arrival";

    public DbSet<Event> Events => Set<Event>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Exhibitor> Exhibitors => Set<Exhibitor>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingBooking> MeetingBookings => Set<MeetingBooking>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(ArrivalSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EventsDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }

    /// <summary>
    /// Loads the event and locks its row until the transaction ends (<c>FOR NO KEY UPDATE</c>: it still lets other transactions
    /// insert rows that reference the event). Everything that moves the event's seats goes through here first.
    /// </summary>
    public Task<Event?> LockEventAsync(Guid id, CancellationToken cancellationToken) =>
        Events.FromSql($"""SELECT * FROM events WHERE "Id" = {id} FOR NO KEY UPDATE""").SingleOrDefaultAsync(cancellationToken);

    /// <summary>The same for an activity's seats; taken after its event's lock when both are needed, so locks never cross.</summary>
    public Task<Activity?> LockActivityAsync(Guid eventId, Guid id, CancellationToken cancellationToken) =>
        Activities.FromSql($"""SELECT * FROM activities WHERE "Id" = {id} AND "EventId" = {eventId} FOR NO KEY UPDATE""")
            .SingleOrDefaultAsync(cancellationToken);
}
