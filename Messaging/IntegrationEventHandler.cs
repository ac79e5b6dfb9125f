using CooperationPlatform.Contracts.Messages;

namespace CooperationPlatform.Messaging;

/// <summary>Marks a class that handles integration events; see <see cref="IIntegrationEventHandler{TEvent}"/>.</summary>
public interface IIntegrationEventHandler;

/// <summary>
/// Applies one integration event to the service's own state. Get the service's DbContext by constructor injection and change it;
/// do not call <c>SaveChangesAsync</c>. The platform records the message in the inbox, saves and commits, all in one transaction,
/// so a message delivered twice is applied once; that transaction may apply other messages of the queue too (see
/// <see cref="InboxBatcher{TDbContext, THandler}"/>), each saved before the next runs (statements a handler stages are sent, in order,
/// just before the commit). Throwing rolls everything back and retries the message.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> : IIntegrationEventHandler
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent message, CancellationToken cancellationToken);
}
