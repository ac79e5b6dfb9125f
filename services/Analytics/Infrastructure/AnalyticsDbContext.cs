using CooperationPlatform.Analytics.Model;
using CooperationPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Analytics.Infrastructure;

public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<ProjectState> Projects => Set<ProjectState>();
    public DbSet<InstitutionState> Institutions => Set<InstitutionState>();
    public DbSet<EventState> Events => Set<EventState>();
    public DbSet<RegistrationState> Registrations => Set<RegistrationState>();
    public DbSet<MeetingState> Meetings => Set<MeetingState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);
    }
}
