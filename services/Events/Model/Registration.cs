using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>
/// A participant's place at an event (<see cref="ActivityId"/> null) or at one of its activities: confirmed, held (a seat kept until
/// <see cref="HoldExpiresAt"/> for a participant whose email address is not confirmed yet), waitlisted or cancelled.
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

    /// <summary>Until when a held seat waits for the email address to be confirmed; null when the seat was never held.</summary>
    public DateTimeOffset? HoldExpiresAt { get; private set; }

    /// <summary>Cancelled because the hold expired before the email address was confirmed.</summary>
    public bool HoldLapsed { get; private set; }

    public long Version { get; private set; }

    public bool IsActive => Status != RegistrationStatus.Cancelled;

    /// <summary>A seat or the waitlist; with a <paramref name="hold"/>, a free seat is only held until <c>now + hold</c>.</summary>
    public static Registration Take(Guid eventId, Guid? activityId, Guid participantId, Seats seats, long arrivalSequence, DateTimeOffset now,
        TimeSpan? hold = null)
    {
        var status = seats.Take(hold is not null);
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
            HoldExpiresAt = status == RegistrationStatus.Held ? now + hold : null,
            Version = 1,
        };
    }

    /// <summary>Moves the first on the waitlist into a free seat: confirmed, or held for <paramref name="hold"/> when given.</summary>
    public void Promote(Seats seats, DateTimeOffset now, TimeSpan? hold = null)
    {
        if (Status != RegistrationStatus.Waitlisted)
        {
            throw new InvalidOperationException($"Only a waitlisted registration can be promoted, not a {Status} one.");
        }
        Status = seats.Promote(hold is not null);
        PromotedFromWaitlist = true;
        if (Status == RegistrationStatus.Held)
        {
            HoldExpiresAt = now + hold;
        }
        else
        {
            ConfirmedAt = now;
        }
        Version++;
    }

    public bool HoldHasExpired(DateTimeOffset now) => Status == RegistrationStatus.Held && HoldExpiresAt <= now;

    /// <summary>The participant confirmed their email address in time: the held seat becomes theirs.</summary>
    public void ConfirmHold(Seats seats, DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Held || HoldHasExpired(now))
        {
            throw new InvalidOperationException($"Only a held seat whose hold has not expired can be confirmed, not a {Status} one.");
        }
        seats.ConfirmHeld();
        Status = RegistrationStatus.Confirmed;
        ConfirmedAt = now;
        Version++;
    }

    /// <summary>The hold expired before the email address was confirmed: the seat goes back, to the next in line.</summary>
    public void Lapse(Seats seats, DateTimeOffset now)
    {
        if (!HoldHasExpired(now))
        {
            throw new InvalidOperationException("Only a held seat whose hold has expired can lapse.");
        }
        Cancel(seats, now);
        HoldLapsed = true;
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
