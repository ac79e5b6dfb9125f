namespace CooperationPlatform.Messaging;

/// <summary>A message waiting to be published, written in the same transaction as the change that caused it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay publishes each aggregate's rows in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The integration event's id, published as the message id.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The event's type as <c>Full.Type.Name, Assembly</c>.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }
    public Guid AggregateId { get; set; }

    /// <summary>The W3C trace context of the write, so the publish and the consumer continue its trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>Vendor trace state, kept only up to <see cref="MaxTraceStateLength"/>: W3C lets an intermediary drop it, never the write.</summary>
    public string? TraceState { get; set; }

    public const int MaxTraceStateLength = 512;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Failed publish attempts; the row and its aggregate's later rows wait until <see cref="NextAttemptAt"/>.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed; for a dead-lettered row, why it cannot be published.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Set when the row can never be published by this code (its type does not load, its body does not deserialize): the relay moves
    /// it aside instead of retrying it, so that its aggregate's later rows go on. An operator requeues it after the fix.
    /// </summary>
    public DateTimeOffset? DeadLetteredAt { get; set; }
}

/// <summary>A message a consumer has applied, recorded in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    /// <summary>The handler's type name: each handler applies a message once, whatever the others do.</summary>
    public required string Consumer { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
