namespace CooperationPlatform.Contracts.Messages;

/// <summary>
/// A fact one service publishes for the others, named in the past tense (<c>ProjectRegistered</c>).
/// Consumers de-duplicate on <see cref="Id"/> and keep order per <see cref="AggregateId"/>.
/// See README.md in this folder for how a message may change.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique per event; also the message id on the wire.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The entity the fact is about; events of one aggregate are delivered in order.</summary>
    public Guid AggregateId { get; init; }

    /// <summary>The aggregate's version after the change, so a consumer can tell a stale event from a new one.</summary>
    public long AggregateVersion { get; init; }
}
