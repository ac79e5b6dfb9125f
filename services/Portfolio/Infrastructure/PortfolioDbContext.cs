using CooperationPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Infrastructure;

public sealed class PortfolioDbContext(DbContextOptions<PortfolioDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
    }
}
