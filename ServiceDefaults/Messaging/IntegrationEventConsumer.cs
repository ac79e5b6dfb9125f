using CooperationPlatform.Contracts.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.ServiceDefaults.Messaging;

/// <summary>
/// The MassTransit consumer behind an <see cref="IIntegrationEventHandler{TEvent}"/>: in one transaction on the service's database it
/// records (event id, handler) in the inbox, skips the message if that row was already there, runs the handler and saves.
/// </summary>
public sealed class IntegrationEventConsumer<TEvent, TDbContext, THandler>(
    TDbContext db,
    THandler handler,
    ILogger<IntegrationEventConsumer<TEvent, TDbContext, THandler>> logger) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where TDbContext : DbContext
    where THandler : class, IIntegrationEventHandler<TEvent>
{
    private static readonly string ConsumerName = typeof(THandler).FullName!;
    private static string? _recordInboxSql;

    private string RecordInboxSql => _recordInboxSql ??=
        $"INSERT INTO {MessagingTables.From(db.Model).Inbox} (message_id, consumer, processed_at) VALUES ({{0}}, {{1}}, now()) ON CONFLICT DO NOTHING";

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        // A retrying execution strategy runs the whole unit again on a transient error; the default one is skipped, since it
        // would only wrap the handler's own exceptions.
        var strategy = db.Database.CreateExecutionStrategy();
        if (strategy.RetriesOnFailure)
        {
            await strategy.ExecuteAsync(() => ApplyOnceAsync(message, cancellationToken));
        }
        else
        {
            await ApplyOnceAsync(message, cancellationToken);
        }
    }

    private async Task ApplyOnceAsync(TEvent message, CancellationToken cancellationToken)
    {
        // A retry must not see what a failed attempt left in the change tracker.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent delivery of the same message waits here on the key until this transaction ends.
        if (await db.Database.ExecuteSqlRawAsync(RecordInboxSql, [message.Id, ConsumerName], cancellationToken) == 0)
        {
            logger.LogDebug("{Handler} already applied {MessageType} {MessageId}; skipped", typeof(THandler).Name, typeof(TEvent).Name, message.Id);
            return;
        }
        await handler.HandleAsync(message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
