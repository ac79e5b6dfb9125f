using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

public enum MeetingStatus
{
    Requested,
    Accepted,
    Declined,
    Scheduled,
    Held,
    Cancelled,
}

/// <summary>
/// A matchmaking meeting one participant asks another for: requested, then accepted or declined; an accepted one is scheduled into
/// a slot and a table of a matchmaking session; after it is held its outcome is recorded, and a lead can be linked to a portfolio project.
/// </summary>
public sealed class Meeting
{
    private Meeting()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public MeetingKind Kind { get; private set; }
    public Guid RequesterId { get; private set; }
    public Guid InviteeId { get; private set; }
    public MeetingStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public Guid? SessionId { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public int? Table { get; private set; }
    public MeetingOutcome? Outcome { get; private set; }
    public DateTimeOffset? OutcomeRecordedAt { get; private set; }
    public Guid? LinkedProjectId { get; private set; }
    public long Version { get; private set; }

    public IEnumerable<Guid> ParticipantIds => [RequesterId, InviteeId];

    public static Meeting Request(Guid id, Guid eventId, MeetingKind kind, Guid requesterId, Guid inviteeId, DateTimeOffset now)
    {
        if (requesterId == inviteeId)
        {
            throw new RequestValidationException("inviteeId", "A participant cannot request a meeting with themselves.");
        }
        return new Meeting
        {
            Id = id,
            EventId = eventId,
            Kind = kind,
            RequesterId = requesterId,
            InviteeId = inviteeId,
            Status = MeetingStatus.Requested,
            RequestedAt = now,
            Version = 1,
        };
    }

    public void Accept(DateTimeOffset now) => Respond(MeetingStatus.Accepted, now);

    public void Decline(DateTimeOffset now) => Respond(MeetingStatus.Declined, now);

    private void Respond(MeetingStatus answer, DateTimeOffset now)
    {
        Require(MeetingStatus.Requested, answer == MeetingStatus.Accepted ? "accepted" : "declined");
        Status = answer;
        RespondedAt = now;
        Version++;
    }

    /// <summary>Takes a slot and a table; the database refuses it if either participant or the table is already taken then.</summary>
    public IReadOnlyList<MeetingBooking> Schedule(Activity session, DateTimeOffset startsAt, int table)
    {
        Require(MeetingStatus.Accepted, "scheduled");
        SessionId = session.Id;
        StartsAt = startsAt;
        EndsAt = startsAt + session.SlotLength;
        Table = table;
        Status = MeetingStatus.Scheduled;
        Version++;
        return [.. ParticipantIds.Select(participant => new MeetingBooking(Id, participant, startsAt))];
    }

    public void RecordOutcome(MeetingOutcome outcome, Guid? linkedProjectId, DateTimeOffset now)
    {
        if (Status is not (MeetingStatus.Scheduled or MeetingStatus.Held))
        {
            throw new ConflictException($"Only a scheduled meeting has an outcome; this one is {Status.ToCode()}.");
        }
        if (linkedProjectId is not null && outcome == MeetingOutcome.NoFollowUp)
        {
            throw new RequestValidationException("linkedProjectId", "Only a lead or an agreement in preparation can be linked to a project.");
        }
        Status = MeetingStatus.Held;
        Outcome = outcome;
        OutcomeRecordedAt = now;
        LinkedProjectId = linkedProjectId;
        Version++;
    }

    /// <summary>The event → meeting → lead → project chain: a lead (or agreement in preparation) becomes a portfolio project.</summary>
    public void LinkProject(Guid projectId)
    {
        if (Status != MeetingStatus.Held || Outcome == MeetingOutcome.NoFollowUp)
        {
            throw new ConflictException("Only a held meeting whose outcome is a lead or an agreement in preparation can be linked to a project.");
        }
        LinkedProjectId = projectId;
        Version++;
    }

    /// <summary>A meeting that had not happened yet is cancelled with its participant's registration; it frees its slot.</summary>
    public bool CancelIfPending()
    {
        if (Status is MeetingStatus.Held or MeetingStatus.Declined or MeetingStatus.Cancelled)
        {
            return false;
        }
        Status = MeetingStatus.Cancelled;
        Version++;
        return true;
    }

    private void Require(MeetingStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new ConflictException($"A meeting that is {Status.ToCode()} cannot be {action}; it must be {expected.ToCode()}.");
        }
    }
}

/// <summary>
/// One participant's hold on a slot. Matchmaking sessions of an event never overlap and slots within a session are aligned,
/// so two meetings overlap exactly when they start together: a unique (participant, start) index makes double booking impossible.
/// </summary>
public sealed record MeetingBooking(Guid MeetingId, Guid ParticipantId, DateTimeOffset StartsAt);
