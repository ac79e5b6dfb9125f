using CooperationPlatform.Contracts.Messages;

namespace CooperationPlatform.Messaging.Tests.Support;

/// <summary>A handler whose effect is one <see cref="AppliedEvent"/> row; each test derives a named one, which names its queue.</summary>
public abstract class RecordingHandler<TEvent>(TestDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public virtual Task HandleAsync(TEvent message, CancellationToken cancellationToken)
    {
        db.AppliedEvents.Add(AppliedEvent.Of(message, GetType().Name));
        return Task.CompletedTask;
    }
}
