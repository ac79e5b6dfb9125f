namespace CooperationPlatform.Contracts.Messages.Events;

/// <summary>
/// A matchmaking meeting between two participants of an event: the event → meeting → lead → project chain.
/// <see cref="IntegrationEvent.AggregateId"/> is <see cref="MeetingId"/>.
/// </summary>
public abstract record MeetingEvent : IntegrationEvent
{
    public required Guid MeetingId { get; init; }
    public required Guid EventId { get; init; }
    public required MeetingKind Kind { get; init; }
    public required ParticipantFacts Requester { get; init; }
    public required ParticipantFacts Invitee { get; init; }
}

/// <summary>A participant asked another for a meeting (the top of the matchmaking funnel).</summary>
public sealed record MeetingRequested : MeetingEvent;

/// <summary>An accepted meeting got a slot and a table in a matchmaking session.</summary>
public sealed record MeetingScheduled : MeetingEvent
{
    public required Guid SessionId { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required int Table { get; init; }
}

/// <summary>A held meeting's outcome was recorded, or its lead was linked to a portfolio project (then published again, newer).</summary>
public sealed record MeetingOutcomeRecorded : MeetingEvent
{
    public required MeetingOutcome Outcome { get; init; }

    /// <summary>The portfolio project the lead turned into, once linked.</summary>
    public Guid? LinkedProjectId { get; init; }
}
