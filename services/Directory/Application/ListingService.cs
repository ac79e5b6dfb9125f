using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Directory.IntegrationEvents;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Application;

/// <summary>
/// Publishes, changes and archives offers and needs. A change to an offer also refreshes its institution's offer profile, which
/// matching reads; changes for one institution are serialized on its row so that no profile misses a concurrent offer.
/// </summary>
public sealed class ListingService(DirectoryDbContext db, TimeProvider clock)
{
    public async Task<Listing> PublishAsync(ListingKind kind, Guid? id, Guid institutionId, ListingDetails details, WriteGuard guard,
        CancellationToken cancellationToken)
    {
        var listingId = id ?? Guid.CreateVersion7();
        if (await db.Listings.AnyAsync(l => l.Id == listingId, cancellationToken))
        {
            throw new ConflictException($"An offer or need with id '{listingId}' already exists.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var institution = await db.LockInstitutionAsync(institutionId, "institutionId", cancellationToken);
        guard.User.EnsureOwnerOrAdmin(institution.OwnerClientId);
        var listing = Listing.Publish(listingId, kind, institutionId, details, guard.ClientId, clock.GetUtcNow());
        db.Listings.Add(listing);
        db.AddIntegrationEvent(OutgoingEvents.ListingPublished(listing));
        await SaveWithProfileAsync(listing, institution, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return listing;
    }

    public async Task<Listing> UpdateAsync(ListingKind kind, Guid id, ListingDetails details, WriteGuard guard, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var listing = await FindAsync(kind, id, cancellationToken);
        guard.EnsureCanChange(listing.Version, listing.OwnerClientId);
        if (listing.IsArchived)
        {
            throw new ConflictException($"This {kind.ToString().ToLowerInvariant()} is archived and cannot change.");
        }
        var institution = await db.LockInstitutionAsync(listing.InstitutionId, "institutionId", cancellationToken);
        listing.Update(details, clock.GetUtcNow());
        db.AddIntegrationEvent(OutgoingEvents.ListingUpdated(listing));
        await SaveWithProfileAsync(listing, institution, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return listing;
    }

    public async Task<Listing> ArchiveAsync(ListingKind kind, Guid id, WriteGuard guard, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var listing = await FindAsync(kind, id, cancellationToken);
        guard.EnsureCanChange(listing.Version, listing.OwnerClientId);
        if (listing.IsArchived)
        {
            return listing;
        }
        var institution = await db.LockInstitutionAsync(listing.InstitutionId, "institutionId", cancellationToken, allowArchived: true);
        listing.Archive(clock.GetUtcNow());
        db.AddIntegrationEvent(OutgoingEvents.ListingArchived(listing));
        await SaveWithProfileAsync(listing, institution, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return listing;
    }

    public async Task<Listing> FindAsync(ListingKind kind, Guid id, CancellationToken cancellationToken) =>
        await db.Listings.FirstOrDefaultAsync(l => l.Id == id && l.Kind == kind, cancellationToken)
        ?? throw new NotFoundException(kind == ListingKind.Offer ? "Offer" : "Need", id);

    private async Task SaveWithProfileAsync(Listing listing, Institution institution, CancellationToken cancellationToken)
    {
        if (listing.Kind == ListingKind.Offer)
        {
            var openOffers = await db.Listings
                .Where(l => l.InstitutionId == institution.Id && l.Id != listing.Id && l.Kind == ListingKind.Offer
                    && l.Status == ListingStatus.Open && l.ArchivedAt == null)
                .ToListAsync(cancellationToken);
            if (listing.IsOpenOffer)
            {
                openOffers.Add(listing);
            }
            institution.SetOfferProfile(OfferProfile.Of(openOffers));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
