using CooperationPlatform.Events.IntegrationEvents;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Mail;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Events.Application;

/// <summary>A registration as its holder sees it; <see cref="WaitlistPosition"/> is 1 for the next in line.</summary>
public sealed record RegistrationState(Registration Registration, int? WaitlistPosition);

/// <summary>Who asks for a registration: the person themselves (anonymous), or the event's organizer on their behalf.</summary>
public sealed record Applicant(ParticipantDetails Person, bool ByOrganizer);

/// <summary>A registration to an event as it came out; <see cref="Created"/> is false when the address was registered already.</summary>
public sealed record Registered(Participant Participant, RegistrationState State, bool Created);

/// <summary>
/// Every change that moves seats: registering, confirming a held seat, letting an expired hold lapse, cancelling, promoting from the
/// waitlist, resizing. Each runs in one transaction that first locks the target's row (the event, then its activities in id order,
/// so two transactions never wait on each other in a cycle). Under the lock the seat ledger is exact, and the arrival sequence is
/// taken in lock order. Expired holds lapse under the event's lock too: lazily, first thing in every transaction that takes it
/// here, and in between by <see cref="HoldSweeper"/>.
/// </summary>
public sealed class Registrar(EventsDbContext db, TimeProvider clock, IParticipantMail mail)
{
    /// <summary>
    /// Registers people to an event, in the order given, in one transaction under the event's lock (see <see cref="RegistrationLine"/>).
    /// Idempotent on the email: one already registered (before, or earlier in the batch) keeps the live registration and gets a
    /// message saying so, without a token. Someone whose registration was cancelled registers again at the end of the line, with a
    /// new token. Every new registration's token goes to the address by mail only. Each item's outcome is its own.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<Registered>>> RegisterAsync(Guid eventId, IReadOnlyList<Applicant> applicants,
        CancellationToken cancellationToken)
    {
        try
        {
            return await TakeSeatsAsync(eventId, applicants, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && applicants.Count > 1)
        {
            // Someone in the batch registered through another instance at the same moment: take them one by one, so only they are affected.
            db.ChangeTracker.Clear();
            var outcomes = new List<Outcome<Registered>>();
            foreach (var applicant in applicants)
            {
                outcomes.AddRange(await RegisterAsync(eventId, [applicant], cancellationToken));
            }
            return outcomes;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same person registered twice at once through another instance: the other won; answer with its registration.
            db.ChangeTracker.Clear();
            return await TakeSeatsAsync(eventId, applicants, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Outcome<Registered>>> TakeSeatsAsync(Guid eventId, IReadOnlyList<Applicant> applicants,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = await db.LockEventAsync(eventId, cancellationToken) ?? throw new NotFoundException("Event", eventId);
        // Whether the event is open is public, so refusing everyone alike reveals nothing; answering a known address differently would.
        target.EnsureOpenForRegistration();
        await LapseHoldsAsync(target, now, cancellationToken);
        var keys = applicants.Select(a => ParticipantEmail.Key(a.Person.Email)).Distinct().ToList();
        var known = await db.Participants.Where(p => p.EventId == eventId && keys.Contains(p.EmailKey!)).ToDictionaryAsync(p => p.EmailKey!, cancellationToken);
        var knownIds = known.Values.Select(p => p.Id).ToList();
        var live = await db.Registrations
            .Where(r => knownIds.Contains(r.ParticipantId) && r.ActivityId == null && r.Status != RegistrationStatus.Cancelled)
            .ToDictionaryAsync(r => r.ParticipantId, cancellationToken);
        var newcomers = keys.Count(key => !(known.TryGetValue(key, out var p) && live.ContainsKey(p.Id)));
        var arrivals = new Queue<long>(await NextArrivalsAsync(newcomers, cancellationToken));

        var outcomes = new List<Outcome<Registered>>();
        var takenNow = new Dictionary<Guid, RegistrationState>();
        foreach (var (person, byOrganizer) in applicants)
        {
            var key = ParticipantEmail.Key(person.Email);
            if (known.TryGetValue(key, out var participant) && live.TryGetValue(participant.Id, out var existing))
            {
                var state = takenNow.GetValueOrDefault(existing.Id) ?? await StateOfAsync(existing, cancellationToken);
                mail.AlreadyRegistered(target, participant, state);
                outcomes.Add(new Registered(participant, state, Created: false));
                continue;
            }
            string token;
            if (participant is null)
            {
                (participant, token) = Participant.Register(Guid.CreateVersion7(), eventId, person, now, vouched: byOrganizer);
                db.Participants.Add(participant);
                known[key] = participant;
            }
            else
            {
                token = participant.IssueToken(vouched: byOrganizer, now);
            }
            var registration = Registration.Take(eventId, null, participant.Id, target.Seats, arrivals.Dequeue(), now,
                target.HoldFor(participant.EmailConfirmedAt is not null));
            db.Registrations.Add(registration);
            live[participant.Id] = registration;
            if (registration.Status == RegistrationStatus.Confirmed)
            {
                db.AddIntegrationEvent(OutgoingEvents.Confirmed(registration, participant));
            }
            // Under the lock every waitlisted registration arrived before this one.
            int? position = registration.Status == RegistrationStatus.Waitlisted ? target.Seats.Waitlisted : null;
            takenNow[registration.Id] = new RegistrationState(registration, position);
            mail.Registered(target, participant, takenNow[registration.Id], token);
            outcomes.Add(new Registered(participant, takenNow[registration.Id], Created: true));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// The participant proved the address with the token it was sent: the address counts as confirmed, and a held seat becomes a
    /// confirmed one if its hold has not expired. A hold that has expired lapses here first, so confirming late gets no seat.
    /// </summary>
    public async Task ConfirmEmailAsync(Participant participant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = await db.LockEventAsync(participant.EventId, cancellationToken) ?? throw new NotFoundException("Event", participant.EventId);
        target.EnsureNotConcluded();
        await LapseHoldsAsync(target, now, cancellationToken);
        participant.ConfirmEmail(now);
        var held = await db.Registrations.SingleOrDefaultAsync(
            r => r.ParticipantId == participant.Id && r.ActivityId == null && r.Status == RegistrationStatus.Held, cancellationToken);
        if (held is not null)
        {
            held.ConfirmHold(target.Seats, now);
            db.AddIntegrationEvent(OutgoingEvents.Confirmed(held, participant));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Lets the event's expired holds lapse, under its lock, and gives their seats to the next in line.</summary>
    public async Task LapseExpiredHoldsAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = await db.LockEventAsync(eventId, cancellationToken) ?? throw new NotFoundException("Event", eventId);
        await LapseHoldsAsync(target, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Held seats whose hold has expired lapse and go to the waitlist in arrival order. The caller holds the event's lock; the
    /// changes are saved (not committed) at once, so that the rest of the caller's transaction reads them from the database.
    /// </summary>
    private async Task LapseHoldsAsync(Event target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (target.Status == EventStatus.Concluded)
        {
            // Its counts are final; a hold left at the end stays as it was, uncounted.
            return;
        }
        var expired = await (from r in db.Registrations
                             join p in db.Participants on r.ParticipantId equals p.Id
                             where r.EventId == target.Id && r.ActivityId == null && r.Status == RegistrationStatus.Held && r.HoldExpiresAt <= now
                             orderby r.ArrivalSequence
                             select new { Registration = r, Participant = p }).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return;
        }
        foreach (var lapsed in expired)
        {
            lapsed.Registration.Lapse(target.Seats, now);
            db.AddIntegrationEvent(OutgoingEvents.Cancelled(lapsed.Registration, lapsed.Participant));
            mail.HoldLapsed(target, lapsed.Participant, lapsed.Registration);
        }
        await PromoteAsync(target.Id, null, target.Seats, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Arrival numbers for <paramref name="count"/> registrations, taken under the target's lock so that they follow the order the
    /// database granted it in; within one transaction they follow the order the registrations are taken in.
    /// </summary>
    private async Task<IReadOnlyList<long>> NextArrivalsAsync(int count, CancellationToken cancellationToken) =>
        count == 0 ? [] : await db.Database
            .SqlQueryRaw<long>($"SELECT nextval('{EventsDbContext.ArrivalSequence}') AS \"Value\" FROM generate_series(1, {{0}}) ORDER BY 1", count)
            .ToListAsync(cancellationToken);

    /// <summary>Registers a participant (confirmed at the event) to one of its activities; idempotent like the event registration.</summary>
    public async Task<(RegistrationState State, bool Created)> RegisterForActivityAsync(Participant participant, Guid activityId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activity = await db.LockActivityAsync(participant.EventId, activityId, cancellationToken) ?? throw new NotFoundException("Activity", activityId);
        var owner = await db.Events.AsNoTracking().SingleAsync(e => e.Id == participant.EventId, cancellationToken);
        owner.EnsureOpenForRegistration();
        var registrations = await db.Registrations
            .Where(r => r.ParticipantId == participant.Id && (r.ActivityId == null || r.ActivityId == activityId) && r.Status != RegistrationStatus.Cancelled)
            .ToListAsync(cancellationToken);
        if (registrations.FirstOrDefault(r => r.ActivityId == activityId) is { } existing)
        {
            return (await StateOfAsync(existing, cancellationToken), false);
        }
        if (registrations.SingleOrDefault(r => r.ActivityId == null)?.Status != RegistrationStatus.Confirmed)
        {
            throw new ConflictException("Only a participant with a confirmed seat at the event can register to its activities.");
        }
        var registration = Registration.Take(participant.EventId, activity.Id, participant.Id, activity.Seats,
            (await NextArrivalsAsync(1, cancellationToken))[0], now);
        db.Registrations.Add(registration);
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            db.AddIntegrationEvent(OutgoingEvents.Confirmed(registration, participant));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        int? position = registration.Status == RegistrationStatus.Waitlisted ? activity.Seats.Waitlisted : null;
        return (new RegistrationState(registration, position), true);
    }

    /// <summary>Cancels a participant's registration to one activity; the first on its waitlist moves up.</summary>
    public async Task CancelActivityAsync(Participant participant, Guid activityId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activity = await db.LockActivityAsync(participant.EventId, activityId, cancellationToken) ?? throw new NotFoundException("Activity", activityId);
        (await db.Events.AsNoTracking().SingleAsync(e => e.Id == participant.EventId, cancellationToken)).EnsureNotConcluded();
        var registration = await db.Registrations.SingleOrDefaultAsync(
            r => r.ParticipantId == participant.Id && r.ActivityId == activityId && r.Status != RegistrationStatus.Cancelled, cancellationToken)
            ?? throw new NotFoundException("Registration to activity", activityId);
        Cancel(registration, activity.Seats, participant, now);
        await PromoteAsync(participant.EventId, activity.Id, activity.Seats, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Cancels a participant's registration to the event, with their activity registrations and the meetings not yet held.
    /// Every seat freed goes to the first on that target's waitlist.
    /// </summary>
    public async Task CancelEventAsync(Participant participant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = await db.LockEventAsync(participant.EventId, cancellationToken) ?? throw new NotFoundException("Event", participant.EventId);
        target.EnsureNotConcluded();
        await LapseHoldsAsync(target, now, cancellationToken);
        var live = await db.Registrations.Where(r => r.ParticipantId == participant.Id && r.Status != RegistrationStatus.Cancelled)
            .ToListAsync(cancellationToken);
        var eventRegistration = live.SingleOrDefault(r => r.ActivityId == null) ?? throw new NotFoundException("Registration to event", participant.EventId);
        foreach (var registration in live.Where(r => r.ActivityId is not null).OrderBy(r => r.ActivityId))
        {
            var activity = (await db.LockActivityAsync(participant.EventId, registration.ActivityId!.Value, cancellationToken))!;
            Cancel(registration, activity.Seats, participant, now);
            await PromoteAsync(participant.EventId, activity.Id, activity.Seats, now, cancellationToken);
        }
        Cancel(eventRegistration, target.Seats, participant, now);
        await PromoteAsync(participant.EventId, null, target.Seats, now, cancellationToken);
        await CancelPendingMeetingsAsync(participant.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Erases a participant's personal data; their registrations stay counted, under no name.</summary>
    public async Task EraseAsync(Participant participant, CancellationToken cancellationToken)
    {
        participant.Erase(clock.GetUtcNow());
        foreach (var message in await db.ParticipantMessages.Where(m => m.ParticipantId == participant.Id).ToListAsync(cancellationToken))
        {
            message.Erase();
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Changes a target's capacity under its lock (which the caller holds); a larger one promotes from the waitlist. An event's
    /// expired holds lapse first, so that they neither block a smaller capacity nor keep seats from the waitlist.
    /// </summary>
    public async Task ResizeAsync(Guid eventId, Guid? activityId, Seats seats, int? capacity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (activityId is null && db.Events.Local.SingleOrDefault(e => e.Id == eventId) is { } target)
        {
            await LapseHoldsAsync(target, now, cancellationToken);
        }
        seats.Resize(capacity);
        await PromoteAsync(eventId, activityId, seats, now, cancellationToken);
    }

    private void Cancel(Registration registration, Seats seats, Participant participant, DateTimeOffset now)
    {
        registration.Cancel(seats, now);
        db.AddIntegrationEvent(OutgoingEvents.Cancelled(registration, participant));
    }

    private async Task PromoteAsync(Guid eventId, Guid? activityId, Seats seats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = seats.Promotable;
        if (count == 0)
        {
            return;
        }
        var promoted = await (from r in db.Registrations
                              join p in db.Participants on r.ParticipantId equals p.Id
                              where r.EventId == eventId && r.ActivityId == activityId && r.Status == RegistrationStatus.Waitlisted
                              orderby r.ArrivalSequence
                              select new { Registration = r, Participant = p }).Take(count).ToListAsync(cancellationToken);
        // A seat at the event is offered by mail, and only held for someone whose address is not confirmed; everyone on an
        // activity's waitlist is confirmed at the event already.
        var offering = activityId is null ? db.Events.Local.SingleOrDefault(e => e.Id == eventId) : null;
        foreach (var next in promoted)
        {
            next.Registration.Promote(seats, now, offering?.HoldFor(next.Participant.EmailConfirmedAt is not null));
            if (next.Registration.Status == RegistrationStatus.Confirmed)
            {
                db.AddIntegrationEvent(OutgoingEvents.Confirmed(next.Registration, next.Participant));
            }
            if (offering is not null)
            {
                mail.SeatOffered(offering, next.Participant, next.Registration);
            }
        }
    }

    private async Task CancelPendingMeetingsAsync(Guid participantId, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.Where(m => m.RequesterId == participantId || m.InviteeId == participantId).ToListAsync(cancellationToken);
        var cancelled = meetings.Where(m => m.CancelIfPending()).Select(m => m.Id).ToList();
        await db.MeetingBookings.Where(b => cancelled.Contains(b.MeetingId)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A registration with its place on the waitlist: one more than the waitlisted ones that arrived before it.</summary>
    public async Task<RegistrationState> StateOfAsync(Registration registration, CancellationToken cancellationToken)
    {
        if (registration.Status != RegistrationStatus.Waitlisted)
        {
            return new RegistrationState(registration, null);
        }
        var ahead = await db.Registrations.CountAsync(r => r.EventId == registration.EventId && r.ActivityId == registration.ActivityId
            && r.Status == RegistrationStatus.Waitlisted && r.ArrivalSequence < registration.ArrivalSequence, cancellationToken);
        return new RegistrationState(registration, ahead + 1);
    }
}
