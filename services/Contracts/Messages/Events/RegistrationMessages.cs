namespace CooperationPlatform.Contracts.Messages.Events;

/// <summary>
/// A registration to an event (<see cref="ActivityId"/> null) or to one of its activities.
/// <see cref="IntegrationEvent.AggregateId"/> is <see cref="RegistrationId"/>.
/// </summary>
public abstract record RegistrationEvent : IntegrationEvent
{
    public Guid RegistrationId { get; init; }
    public Guid EventId { get; init; }
    public Guid? ActivityId { get; init; }
    public ParticipantFacts Participant { get; init; } = new(Guid.Empty);
}

/// <summary>A seat was confirmed: at registration when one was free, or later by promotion from the waitlist.</summary>
public sealed record RegistrationConfirmed : RegistrationEvent
{
    public bool PromotedFromWaitlist { get; init; }
}

/// <summary>
/// A registration (confirmed or waitlisted) was cancelled. Only a confirmed one frees a seat (<see cref="WasConfirmed"/>);
/// the promotion it causes is a separate <see cref="RegistrationConfirmed"/>.
/// </summary>
public sealed record RegistrationCancelled : RegistrationEvent
{
    public bool WasConfirmed { get; init; }
}
