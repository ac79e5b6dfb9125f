using CooperationPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Analytics.Infrastructure;

public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
    }
}
