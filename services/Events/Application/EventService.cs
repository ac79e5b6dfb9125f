using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Application;

/// <summary>
/// Creates events, replaces their details and moves their status. Every change is made under the event's lock (so it serializes
/// with registrations that move its seats) and published with the event's new state in the same transaction.
/// </summary>
public sealed class EventService(EventsDbContext db, EventCounter counter, Registrar registrar, TimeProvider clock)
{
    public async Task<Event> CreateAsync(Guid? id, EventDetails details, string? ownerClientId, CancellationToken cancellationToken)
    {
        var eventId = id ?? Guid.CreateVersion7();
        if (await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken))
        {
            throw new ConflictException($"An event with id {eventId} already exists.");
        }
        var created = Event.Create(eventId, details, ownerClientId, clock.GetUtcNow());
        db.Events.Add(created);
        db.AddIntegrationEvent(await counter.StateMessageAsync(created, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    public Task<Event> UpdateAsync(Guid eventId, EventDetails details, WriteGuard guard, CancellationToken cancellationToken) =>
        ChangeLockedAsync(eventId, guard, async locked =>
        {
            var programme = await db.Activities.AsNoTracking().Where(a => a.EventId == eventId).ToListAsync(cancellationToken);
            locked.Update(details, programme, clock.GetUtcNow());
            if (details.Capacity != locked.Seats.Capacity)
            {
                locked.EnsureNotConcluded();
                await registrar.ResizeAsync(locked.Id, null, locked.Seats, details.Capacity, cancellationToken);
            }
        }, cancellationToken);

    public Task<Event> ChangeStatusAsync(Guid eventId, EventStatus status, WriteGuard guard, CancellationToken cancellationToken) =>
        ChangeLockedAsync(eventId, guard, locked =>
        {
            locked.TransitionTo(status, clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<Event> ChangeLockedAsync(Guid eventId, WriteGuard guard, Func<Event, Task> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.LockEventAsync(eventId, cancellationToken) ?? throw new NotFoundException("Event", eventId);
        guard.EnsureOrganizerCanChange(locked, locked.Version);
        await change(locked);
        db.AddIntegrationEvent(await counter.StateMessageAsync(locked, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return locked;
    }
}
