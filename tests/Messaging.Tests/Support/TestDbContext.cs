using CooperationPlatform.Contracts.Messages;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Messaging.Tests.Support;

/// <summary>A service database in miniature: the messaging tables plus the effects the tests' handlers leave.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<AppliedEvent> AppliedEvents => Set<AppliedEvent>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<AppliedEvent>(applied =>
        {
            applied.ToTable("applied_events");
            applied.Property(a => a.Id).UseIdentityAlwaysColumn();
        });
    }

    public static async Task CreateSchemaAsync(string connectionString)
    {
        await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.EnsureCreatedAsync();
    }
}

/// <summary>The effect of one handled event; <see cref="Id"/> gives the order in which effects were committed.</summary>
public sealed class AppliedEvent
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public Guid AggregateId { get; set; }
    public long AggregateVersion { get; set; }
    public required string Handler { get; set; }
    public string? TraceId { get; set; }

    public static AppliedEvent Of(IntegrationEvent message, string handler) => new()
    {
        EventId = message.Id,
        AggregateId = message.AggregateId,
        AggregateVersion = message.AggregateVersion,
        Handler = handler,
        TraceId = System.Diagnostics.Activity.Current?.TraceId.ToHexString(),
    };
}
