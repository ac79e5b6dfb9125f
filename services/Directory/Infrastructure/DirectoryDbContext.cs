using CooperationPlatform.Directory.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Infrastructure;

public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<PortfolioProject> PortfolioProjects => Set<PortfolioProject>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseSnakeCaseNames();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DirectoryDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }
}
