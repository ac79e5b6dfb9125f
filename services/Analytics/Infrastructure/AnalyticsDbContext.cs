using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CooperationPlatform.Analytics.Infrastructure;

public sealed class AnalyticsDbContext : DbContext
{
    public AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : base(options)
    {
        // Noted as the change tracker finds them, so that knowing what a save changes costs no extra scan of the tracked rows.
        ChangeTracker.Tracked += (_, e) => NoteChange(e.Entry);
        ChangeTracker.StateChanged += (_, e) => NoteChange(e.Entry);
    }

    public DbSet<ProjectState> Projects => Set<ProjectState>();
    public DbSet<PartnerPair> PartnerPairs => Set<PartnerPair>();
    public DbSet<InstitutionState> Institutions => Set<InstitutionState>();
    public DbSet<EventState> Events => Set<EventState>();
    public DbSet<RegistrationState> Registrations => Set<RegistrationState>();
    public DbSet<MeetingState> Meetings => Set<MeetingState>();

    /// <summary>
    /// The projections whose rows were added, changed or deleted since <see cref="ProjectionChangeInterceptor"/> last took them: noted by
    /// the change tracker, and by the writers that go around it (<see cref="ProjectRows"/>).
    /// </summary>
    internal HashSet<Projection> ChangedProjections { get; } = [];

    /// <summary>Project rows written by <see cref="ProjectRows"/> and not yet sent to the database.</summary>
    internal List<VersionedRowWrite> StagedProjectRows { get; } = [];

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseSnakeCaseNames();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);
    }

    private void NoteChange(EntityEntry entry)
    {
        if (entry.Entity is IProjectionState && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
        {
            ChangedProjections.Add(ViewCache.Of(entry.Metadata.ClrType));
        }
    }
}
