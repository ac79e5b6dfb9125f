using System.Text.Json;
using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Infrastructure;

public sealed class PortfolioDbContext(DbContextOptions<PortfolioDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Institution> Institutions => Set<Institution>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseSnakeCaseNames();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortfolioDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }
}
