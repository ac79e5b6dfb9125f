using CooperationPlatform.Events.IntegrationEvents;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Infrastructure.EntityConfigurations;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Events.Application;

/// <summary>
/// Matchmaking meetings from request to outcome. Double booking is left to the database: a unique index per (participant, slot)
/// and per (session, table, slot). Whoever commits second gets a unique violation, which becomes a 409 when the caller asked for
/// that slot or table, and a retry with the next free one when the caller left the choice to us.
/// </summary>
public sealed class Matchmaking(EventsDbContext db, TimeProvider clock)
{
    private const int Attempts = 5;

    public async Task<Meeting> RequestAsync(Event owner, Guid? id, MeetingKind kind, Guid requesterId, Guid inviteeId, CancellationToken cancellationToken)
    {
        EnsureRunning(owner);
        if (!Enum.IsDefined(kind))
        {
            throw new RequestValidationException("kind", "kind is not a meeting kind (city-to-city, city-to-business, business-to-business).");
        }
        var meeting = Meeting.Request(id ?? Guid.CreateVersion7(), owner.Id, kind, requesterId, inviteeId, clock.GetUtcNow());
        var (requester, invitee) = await PartiesAsync(meeting, cancellationToken);
        foreach (var (party, field) in new[] { (requester, "requesterId"), (invitee, "inviteeId") })
        {
            var confirmed = await db.Registrations.AnyAsync(
                r => r.ParticipantId == party.Id && r.ActivityId == null && r.Status == RegistrationStatus.Confirmed, cancellationToken);
            if (!confirmed)
            {
                throw new ConflictException($"The participant given as {field} has no confirmed seat at the event.");
            }
        }
        db.Meetings.Add(meeting);
        db.AddIntegrationEvent(OutgoingEvents.Requested(meeting, requester, invitee));
        await db.SaveChangesAsync(cancellationToken);
        return meeting;
    }

    public async Task<Meeting> RespondAsync(Meeting meeting, bool accept, CancellationToken cancellationToken)
    {
        if (accept)
        {
            meeting.Accept(clock.GetUtcNow());
        }
        else
        {
            meeting.Decline(clock.GetUtcNow());
        }
        await SaveAsync(cancellationToken);
        return meeting;
    }

    /// <summary>
    /// Schedules an accepted meeting into a session: into the slot and table given, or the first slot where both participants
    /// and a table are free.
    /// </summary>
    public async Task<Meeting> ScheduleAsync(Event owner, Guid meetingId, Guid sessionId, DateTimeOffset? startsAt, int? table,
        CancellationToken cancellationToken)
    {
        EnsureRunning(owner);
        for (var attempt = 1; ; attempt++)
        {
            // Choices in one session are made one at a time under its row lock: concurrent schedulers would otherwise all pick
            // the same first free slot and table and collide. The unique indexes still catch a participant booked meanwhile
            // in another session.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var session = await db.LockActivityAsync(owner.Id, sessionId, cancellationToken);
            if (session is not { IsMatchmakingSession: true })
            {
                throw new RequestValidationException("sessionId", "sessionId must be a matchmaking session of this event.");
            }
            var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId && m.EventId == owner.Id, cancellationToken)
                ?? throw new NotFoundException("Meeting", meetingId);
            var (slot, chosenTable) = await ChooseAsync(meeting, session, startsAt?.ToUniversalTime(), table, cancellationToken);
            var bookings = meeting.Schedule(session, slot, chosenTable);
            db.MeetingBookings.AddRange(bookings);
            var (requester, invitee) = await PartiesAsync(meeting, cancellationToken);
            db.AddIntegrationEvent(OutgoingEvents.Scheduled(meeting, requester, invitee));
            try
            {
                await SaveAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return meeting;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                var participantTaken = unique.ConstraintName == MeetingConfiguration.OneMeetingPerParticipantAndSlot;
                if ((participantTaken && startsAt is not null) || (!participantTaken && table is not null && startsAt is not null) || attempt == Attempts)
                {
                    throw new ConflictException(participantTaken
                        ? "One of the participants already has a meeting in that slot."
                        : "That table is already taken in that slot.");
                }
            }
        }
    }

    private async Task<(DateTimeOffset Slot, int Table)> ChooseAsync(Meeting meeting, Activity session, DateTimeOffset? startsAt, int? table,
        CancellationToken cancellationToken)
    {
        var slots = session.Slots().ToList();
        if (startsAt is { } wanted && !slots.Contains(wanted))
        {
            throw new RequestValidationException("startsAt",
                $"startsAt must be the start of one of the session's {session.SlotMinutes}-minute slots, from {session.StartsAt:u}.");
        }
        if (table is not null && (table < 1 || table > session.Tables))
        {
            throw new RequestValidationException("table", $"table must be between 1 and {session.Tables}.");
        }
        var parties = meeting.ParticipantIds.ToList();
        var busy = (await db.MeetingBookings.AsNoTracking()
            .Where(b => parties.Contains(b.ParticipantId) && b.StartsAt >= session.StartsAt && b.StartsAt < session.EndsAt)
            .Select(b => b.StartsAt).ToListAsync(cancellationToken)).ToHashSet();
        var taken = (await db.Meetings.AsNoTracking()
            .Where(m => m.SessionId == session.Id && (m.Status == MeetingStatus.Scheduled || m.Status == MeetingStatus.Held))
            .Select(m => new { m.StartsAt, m.Table }).ToListAsync(cancellationToken))
            .Select(m => (m.StartsAt!.Value, m.Table!.Value)).ToHashSet();
        if (startsAt is { } asked && busy.Contains(asked))
        {
            throw new ConflictException("One of the participants already has a meeting in that slot.");
        }
        var tables = table is { } only ? [only] : Enumerable.Range(1, session.Tables!.Value);
        foreach (var slot in startsAt is { } given ? [given] : slots.Where(s => !busy.Contains(s)))
        {
            foreach (var candidate in tables.Where(t => !taken.Contains((slot, t))))
            {
                return (slot, candidate);
            }
        }
        throw new ConflictException(startsAt is null
            ? "The session has no slot left where both participants and a table are free."
            : "That table is already taken in that slot.");
    }

    public async Task<Meeting> RecordOutcomeAsync(Meeting meeting, MeetingOutcome outcome, Guid? linkedProjectId, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new RequestValidationException("outcome", "outcome must be no-follow-up, lead or agreement-in-preparation.");
        }
        if (meeting.StartsAt > clock.GetUtcNow())
        {
            throw new ConflictException("The meeting has not started yet; record its outcome after it is held.");
        }
        meeting.RecordOutcome(outcome, linkedProjectId, clock.GetUtcNow());
        var (requester, invitee) = await PartiesAsync(meeting, cancellationToken);
        db.AddIntegrationEvent(OutgoingEvents.OutcomeRecorded(meeting, requester, invitee));
        await SaveAsync(cancellationToken);
        return meeting;
    }

    public async Task<Meeting> LinkProjectAsync(Meeting meeting, Guid projectId, CancellationToken cancellationToken)
    {
        meeting.LinkProject(projectId);
        var (requester, invitee) = await PartiesAsync(meeting, cancellationToken);
        db.AddIntegrationEvent(OutgoingEvents.OutcomeRecorded(meeting, requester, invitee));
        await SaveAsync(cancellationToken);
        return meeting;
    }

    public async Task<(Participant Requester, Participant Invitee)> PartiesAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var parties = await db.Participants.AsNoTracking()
            .Where(p => p.EventId == meeting.EventId && (p.Id == meeting.RequesterId || p.Id == meeting.InviteeId))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return (parties.GetValueOrDefault(meeting.RequesterId) ?? throw new RequestValidationException("requesterId", "requesterId is not a participant of this event."),
            parties.GetValueOrDefault(meeting.InviteeId) ?? throw new RequestValidationException("inviteeId", "inviteeId is not a participant of this event."));
    }

    private static void EnsureRunning(Event owner)
    {
        owner.EnsureNotConcluded();
        if (owner.Status == EventStatus.Draft)
        {
            throw new ConflictException("The event is still a draft; meetings start once registration has opened.");
        }
    }

    /// <summary>Two requests changing the same meeting at once: the second is told so rather than overwriting the first.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The meeting changed at the same moment; read it again and retry.");
        }
    }
}
