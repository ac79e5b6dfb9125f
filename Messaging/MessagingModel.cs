using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CooperationPlatform.Messaging;

public static class MessagingModel
{
    /// <summary>Adds the outbox and inbox tables to a service's own database.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(256);
            outbox.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb");
            outbox.Property(m => m.AggregateId).HasColumnName("aggregate_id");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(OutboxMessage.MaxTraceStateLength);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error");
            outbox.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
            outbox.HasIndex(m => m.MessageId).IsUnique().HasDatabaseName("ux_outbox_messages_message_id");
            // The relay reads unsent rows in order, skips aggregates waiting to retry, and the clean-up deletes old sent rows.
            outbox.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
            outbox.HasIndex(m => m.AggregateId).HasFilter("sent_at IS NULL AND next_attempt_at IS NOT NULL")
                .HasDatabaseName("ix_outbox_messages_retrying");
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_sent_at");
            outbox.HasIndex(m => m.DeadLetteredAt).HasFilter("dead_lettered_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_dead_lettered");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(256);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            inbox.HasIndex(m => m.ProcessedAt).HasDatabaseName("ix_inbox_messages_processed_at");
        });
        return modelBuilder;
    }
}

/// <summary>The messaging tables' names as the model maps them, quoted for the relay's and the inbox's SQL.</summary>
internal sealed record MessagingTables(string Outbox, string Inbox)
{
    public static MessagingTables From(IModel model) => new(QualifiedName<OutboxMessage>(model), QualifiedName<InboxMessage>(model));

    private static string QualifiedName<TEntity>(IModel model)
    {
        var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException(
            $"{typeof(TEntity).Name} is not part of the model: call modelBuilder.AddMessagingTables() in the DbContext's OnModelCreating.");
        var table = $"\"{entity.GetTableName()}\"";
        return entity.GetSchema() is { } schema ? $"\"{schema}\".{table}" : table;
    }
}
