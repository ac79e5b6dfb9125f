using System.Diagnostics;
using System.Runtime.CompilerServices;
using CooperationPlatform.Contracts.Messages;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Messaging;

public static class OutboxExtensions
{
    private static readonly ConditionalWeakTable<DbContext, object> ContextsWithNewMessages = new();
    private static readonly object Marker = new();

    /// <summary>
    /// Adds <paramref name="message"/> to the outbox: it is saved by the next <c>SaveChangesAsync</c>, in the same transaction
    /// as the change it reports, and published by the relay once that transaction commits. A rollback discards it.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IntegrationEvent message)
    {
        var activity = Activity.Current;
        var traced = activity is { IdFormat: ActivityIdFormat.W3C };
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = message.Id,
            MessageType = IntegrationEventSerializer.TypeName(message.GetType()),
            Body = IntegrationEventSerializer.Serialize(message),
            AggregateId = message.AggregateId,
            TraceParent = traced ? activity!.Id : null,
            TraceState = traced && activity!.TraceStateString is { Length: <= OutboxMessage.MaxTraceStateLength } state ? state : null,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        ContextsWithNewMessages.AddOrUpdate(db, Marker);
    }

    /// <summary>True once per save that put messages in the outbox; the commit interceptor uses it to wake the relay.</summary>
    internal static bool TakeNewMessagesFlag(DbContext db) => ContextsWithNewMessages.Remove(db);
}
