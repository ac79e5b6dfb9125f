using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Application;

/// <summary>Adds and replaces the activities of an event's programme, under the event's lock.</summary>
public sealed class ProgrammeService(EventsDbContext db, Registrar registrar, TimeProvider clock)
{
    public async Task<Activity> CreateAsync(Guid eventId, Guid? id, ActivityDetails details, WriteGuard guard, CancellationToken cancellationToken)
    {
        var activityId = id ?? Guid.CreateVersion7();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The event's lock serializes programme changes, so two overlapping matchmaking sessions cannot be added at once.
        var owner = await db.LockEventAsync(eventId, cancellationToken) ?? throw new NotFoundException("Event", eventId);
        guard.User.EnsureOrganizer(owner);
        owner.EnsureNotConcluded();
        if (await db.Activities.AnyAsync(a => a.Id == activityId, cancellationToken))
        {
            throw new ConflictException($"An activity with id {activityId} already exists.");
        }
        var activity = Activity.Create(activityId, owner, details, clock.GetUtcNow());
        await EnsureSessionsApartAsync(activity, cancellationToken);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return activity;
    }

    public async Task<Activity> UpdateAsync(Guid eventId, Guid activityId, ActivityDetails details, WriteGuard guard, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var owner = await db.LockEventAsync(eventId, cancellationToken) ?? throw new NotFoundException("Event", eventId);
        var activity = await db.LockActivityAsync(eventId, activityId, cancellationToken) ?? throw new NotFoundException("Activity", activityId);
        guard.EnsureOrganizerCanChange(owner, activity.Version);
        owner.EnsureNotConcluded();
        var hasMeetings = await db.Meetings.AnyAsync(m => m.SessionId == activityId && m.Status != MeetingStatus.Cancelled, cancellationToken);
        activity.Update(owner, details, hasMeetings, clock.GetUtcNow());
        await EnsureSessionsApartAsync(activity, cancellationToken);
        if (details.Capacity != activity.Seats.Capacity)
        {
            await registrar.ResizeAsync(eventId, activityId, activity.Seats, details.Capacity, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return activity;
    }

    /// <summary>
    /// Matchmaking sessions of one event never overlap: with aligned slots inside each session, a meeting's start then identifies
    /// its slot, which is what the database's double-booking indexes rely on.
    /// </summary>
    private async Task EnsureSessionsApartAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!activity.IsMatchmakingSession)
        {
            return;
        }
        var overlapping = await db.Activities.AsNoTracking()
            .Where(a => a.EventId == activity.EventId && a.Id != activity.Id && a.Kind == ActivityKind.MatchmakingSession
                && a.StartsAt < activity.EndsAt && activity.StartsAt < a.EndsAt)
            .Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (overlapping is not null)
        {
            throw new ConflictException($"The matchmaking session would overlap '{overlapping}'; an event's matchmaking sessions run one after another.");
        }
    }
}
