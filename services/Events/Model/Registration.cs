using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>
/// A participant's place at an event (<see cref="ActivityId"/> null) or at one of its activities: confirmed, waitlisted or cancelled.
/// <see cref="ArrivalSequence"/> comes from a database sequence taken while the target is locked: the order the database serialized
/// the registrations in, which is the waitlist's order.
/// </summary>
public sealed class Registration
{
    private Registration()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid? ActivityId { get; private set; }
    public Guid ParticipantId { get; private set; }
    public RegistrationStatus Status { get; private set; }
    public long ArrivalSequence { get; private set; }
    public bool PromotedFromWaitlist { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public long Version { get; private set; }

    public bool IsActive => Status != RegistrationStatus.Cancelled;

    public static Registration Take(Guid eventId, Guid? activityId, Guid participantId, Seats seats, long arrivalSequence, DateTimeOffset now)
    {
        var status = seats.Take();
        return new Registration
        {
            Id = Guid.CreateVersion7(),
            EventId = eventId,
            ActivityId = activityId,
            ParticipantId = participantId,
            Status = status,
            ArrivalSequence = arrivalSequence,
            CreatedAt = now,
            ConfirmedAt = status == RegistrationStatus.Confirmed ? now : null,
            Version = 1,
        };
    }

    public void Promote(DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Waitlisted)
        {
            throw new InvalidOperationException($"Only a waitlisted registration can be promoted, not a {Status} one.");
        }
        Status = RegistrationStatus.Confirmed;
        PromotedFromWaitlist = true;
        ConfirmedAt = now;
        Version++;
    }

    /// <summary>Cancels the registration and gives its seat (or waitlist place) back; returns the status it had.</summary>
    public RegistrationStatus Cancel(Seats seats, DateTimeOffset now)
    {
        if (Status == RegistrationStatus.Cancelled)
        {
            throw new ConflictException("The registration is already cancelled.");
        }
        var previous = Status;
        seats.Release(previous);
        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
        Version++;
        return previous;
    }
}
