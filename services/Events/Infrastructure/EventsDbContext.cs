using CooperationPlatform.Events.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Data;
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
    public DbSet<ParticipantMessage> ParticipantMessages => Set<ParticipantMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseSnakeCaseNames();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(ArrivalSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EventsDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }

    // EF Core reads a complex property's columns from raw SQL under their default names (Seats_Capacity), not the snake_case
    // names the table has, so the locking queries give them under both.
    private const string SeatsAsRawSqlIsRead =
        "seats_capacity AS \"Seats_Capacity\", seats_confirmed AS \"Seats_Confirmed\", seats_waitlisted AS \"Seats_Waitlisted\", " +
        "seats_held AS \"Seats_Held\"";

    /// <summary>
    /// Loads the event and locks its row until the transaction ends (<c>FOR NO KEY UPDATE</c>: it still lets other transactions
    /// insert rows that reference the event). Everything that moves the event's seats goes through here first.
    /// </summary>
    public Task<Event?> LockEventAsync(Guid id, CancellationToken cancellationToken) =>
        Events.FromSqlRaw("SELECT *, " + SeatsAsRawSqlIsRead + " FROM events WHERE id = {0} FOR NO KEY UPDATE", id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The same for an activity's seats; taken after its event's lock when both are needed, so locks never cross.</summary>
    public Task<Activity?> LockActivityAsync(Guid eventId, Guid id, CancellationToken cancellationToken) =>
        Activities.FromSqlRaw("SELECT *, " + SeatsAsRawSqlIsRead + " FROM activities WHERE id = {0} AND event_id = {1} FOR NO KEY UPDATE", id, eventId)
            .SingleOrDefaultAsync(cancellationToken);
}
