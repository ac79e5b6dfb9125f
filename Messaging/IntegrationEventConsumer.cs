using CooperationPlatform.Contracts.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Messaging;

/// <summary>
/// The MassTransit consumer behind an <see cref="IIntegrationEventHandler{TEvent}"/>: hands the message to its queue's
/// <see cref="InboxBatcher{TDbContext, THandler}"/>, which records it in the inbox and applies it in a transaction on the service's
/// database (skipping it if it was applied before), and returns once that transaction has committed.
/// </summary>
public sealed class IntegrationEventConsumer<TEvent, TDbContext, THandler>(InboxBatcher<TDbContext, THandler> inbox) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where TDbContext : DbContext
    where THandler : class, IIntegrationEventHandler<TEvent>
{
    public Task Consume(ConsumeContext<TEvent> context)
    {
        var message = context.Message;
        // A retried message failed before: alone, it cannot fail a batch of others again.
        return inbox.ApplyAsync(message.Id, message.AggregateId, typeof(TEvent).Name, (handler, cancellationToken) => handler.HandleAsync(message, cancellationToken),
            alone: context.GetRetryAttempt() > 0, context.CancellationToken);
    }
}
