namespace CooperationPlatform.Contracts.Messages.Events;

/// <summary>
/// A matchmaking meeting between two participants of an event: the event → meeting → lead → project chain.
/// <see cref="IntegrationEvent.AggregateId"/> is <see cref="MeetingId"/>.
/// </summary>
public abstract record MeetingEvent : IntegrationEvent
{
    public Guid MeetingId { get; init; }
    public Guid EventId { get; init; }
    public MeetingKind Kind { get; init; }
    public ParticipantFacts Requester { get; init; } = new(Guid.Empty);
    public ParticipantFacts Invitee { get; init; } = new(Guid.Empty);
}

/// <summary>A participant asked another for a meeting (the top of the matchmaking funnel).</summary>
public sealed record MeetingRequested : MeetingEvent;

/// <summary>An accepted meeting got a slot and a table in a matchmaking session.</summary>
public sealed record MeetingScheduled : MeetingEvent
{
    public Guid SessionId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int Table { get; init; }
}

/// <summary>A held meeting's outcome was recorded, or its lead was linked to a portfolio project (then published again, newer).</summary>
public sealed record MeetingOutcomeRecorded : MeetingEvent
{
    public MeetingOutcome Outcome { get; init; }

    /// <summary>The portfolio project the lead turned into, once linked.</summary>
    public Guid? LinkedProjectId { get; init; }
}
