using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Directory.IntegrationEvents;
using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Application;

/// <summary>Registers, replaces and archives institutions, each change with its message in the same transaction.</summary>
public sealed class InstitutionService(DirectoryDbContext db, TimeProvider clock)
{
    public async Task<Institution> RegisterAsync(Guid? id, InstitutionDetails details, string? ownerClientId, CancellationToken cancellationToken)
    {
        var institutionId = id ?? Guid.CreateVersion7();
        if (await db.Institutions.AnyAsync(i => i.Id == institutionId, cancellationToken))
        {
            throw new ConflictException($"An institution with id '{institutionId}' already exists.");
        }
        await EnsureNaturalKeyIsFreeAsync(details, institutionId, cancellationToken);
        await EnsureRelatedInstitutionsExistAsync(details.Relations, institutionId, cancellationToken);
        var institution = Institution.Register(institutionId, details, ownerClientId, clock.GetUtcNow());
        Add(institution);
        await db.SaveChangesAsync(cancellationToken);
        return institution;
    }

    /// <summary>Adds a new institution and its message, for the caller to save (the import saves many at once).</summary>
    public void Add(Institution institution)
    {
        db.Institutions.Add(institution);
        db.AddIntegrationEvent(OutgoingEvents.Institution<InstitutionRegistered>(institution));
    }

    public async Task<Institution> UpdateAsync(Guid id, InstitutionDetails details, WriteGuard guard, CancellationToken cancellationToken)
    {
        var institution = await FindAsync(id, cancellationToken);
        guard.EnsureCanChange(institution.Version, institution.OwnerClientId);
        await EnsureNaturalKeyIsFreeAsync(details, id, cancellationToken);
        await EnsureRelatedInstitutionsExistAsync(details.Relations, id, cancellationToken);
        institution.Update(details, clock.GetUtcNow());
        db.AddIntegrationEvent(OutgoingEvents.Institution<InstitutionUpdated>(institution));
        await db.SaveChangesAsync(cancellationToken);
        return institution;
    }

    public async Task<Institution> ArchiveAsync(Guid id, WriteGuard guard, CancellationToken cancellationToken)
    {
        var institution = await FindAsync(id, cancellationToken);
        guard.EnsureCanChange(institution.Version, institution.OwnerClientId);
        if (institution.IsArchived)
        {
            return institution;
        }
        institution.Archive(clock.GetUtcNow());
        db.AddIntegrationEvent(OutgoingEvents.Institution<InstitutionArchived>(institution));
        await db.SaveChangesAsync(cancellationToken);
        return institution;
    }

    public async Task<Institution> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Institutions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException("Institution", id);

    private async Task EnsureNaturalKeyIsFreeAsync(InstitutionDetails details, Guid id, CancellationToken cancellationToken)
    {
        var key = Institution.KeyOf(details.Name);
        var holder = await db.Institutions
            .Where(i => i.NameKey == key && i.Country == details.Country && i.Id != id)
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            throw new ConflictException(
                $"Institution '{holder}' already has the name '{details.Name}' in {details.Country ?? "no country"}; name and country identify an institution.");
        }
    }

    private async Task EnsureRelatedInstitutionsExistAsync(IReadOnlyList<InstitutionRelation> relations, Guid id, CancellationToken cancellationToken)
    {
        if (relations.Count == 0)
        {
            return;
        }
        var ids = relations.Select(r => r.RelatedInstitutionId).Distinct().ToList();
        var known = await db.Institutions.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        var errors = new ValidationErrors();
        for (var index = 0; index < relations.Count; index++)
        {
            var related = relations[index].RelatedInstitutionId;
            errors.Require(related != id, $"relations[{index}].institutionId", "An institution cannot be related to itself.")
                .Require(related == id || known.Contains(related), $"relations[{index}].institutionId", $"Institution '{related}' is not in the directory.");
        }
        errors.ThrowUnprocessableIfAny();
    }
}
