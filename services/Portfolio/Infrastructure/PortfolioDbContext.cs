using System.Text.Json;
using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Model;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Infrastructure;

public sealed class PortfolioDbContext(DbContextOptions<PortfolioDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Institution> Institutions => Set<Institution>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortfolioDbContext).Assembly);
        // snake_case columns, as the messaging tables have and as hand-written SQL (search, bulk reads) expects.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace == typeof(Project).Namespace))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
        modelBuilder.AddMessagingTables();
    }
}
