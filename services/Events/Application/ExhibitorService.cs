using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Infrastructure.EntityConfigurations;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Events.Application;

/// <summary>Adds and replaces an event's exhibitors.</summary>
public sealed class ExhibitorService(EventsDbContext db, TimeProvider clock)
{
    public async Task<Exhibitor> CreateAsync(Guid eventId, Guid? id, ExhibitorDetails details, WriteGuard guard, CancellationToken cancellationToken)
    {
        var owner = await db.EventAsync(eventId, cancellationToken);
        guard.User.EnsureOrganizer(owner);
        var exhibitorId = id ?? Guid.CreateVersion7();
        if (await db.Exhibitors.AnyAsync(e => e.Id == exhibitorId, cancellationToken))
        {
            throw new ConflictException($"An exhibitor with id {exhibitorId} already exists.");
        }
        var exhibitor = Exhibitor.Create(exhibitorId, eventId, details, clock.GetUtcNow());
        db.Exhibitors.Add(exhibitor);
        await SaveAsync(exhibitor, cancellationToken);
        return exhibitor;
    }

    public async Task<Exhibitor> UpdateAsync(Guid eventId, Guid exhibitorId, ExhibitorDetails details, WriteGuard guard, CancellationToken cancellationToken)
    {
        var owner = await db.EventAsync(eventId, cancellationToken);
        var exhibitor = await db.Exhibitors.SingleOrDefaultAsync(e => e.Id == exhibitorId && e.EventId == eventId, cancellationToken)
            ?? throw new NotFoundException("Exhibitor", exhibitorId);
        guard.EnsureOrganizerCanChange(owner, exhibitor.Version);
        exhibitor.Update(details, clock.GetUtcNow());
        await SaveAsync(exhibitor, cancellationToken);
        return exhibitor;
    }

    /// <summary>The unique booth index is what keeps two concurrent assignments of one booth apart; its violation is a 409.</summary>
    private async Task SaveAsync(Exhibitor exhibitor, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { ConstraintName: ExhibitorConfiguration.OneExhibitorPerBooth })
        {
            throw new ConflictException($"Booth {exhibitor.Booth} is already assigned to another exhibitor of this event.");
        }
    }
}
