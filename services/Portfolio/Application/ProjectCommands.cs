using CooperationPlatform.Portfolio.IntegrationEvents;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Iati;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.Portfolio.Search;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Portfolio.Application;

/// <summary>
/// Every change to projects, for the API and the imports alike: validate, check partners against the institution replica,
/// apply, and put the resulting messages in the outbox. <c>Stage*</c> methods change the unit of work without saving, so an
/// import can save many projects in one transaction; <see cref="SaveAsync"/> commits and refreshes the search index.
/// </summary>
public sealed class ProjectCommands(PortfolioDbContext db, ProjectSearchIndex searchIndex, TimeProvider clock, IOptions<IatiOptions> iati)
{
    public async Task<Project> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Projects.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Project", id);

    public Task<Project?> FindByIatiIdentifierAsync(string iatiIdentifier, CancellationToken cancellationToken) =>
        db.Projects.SingleOrDefaultAsync(p => p.IatiIdentifier == iatiIdentifier, cancellationToken);

    public async Task<Project> StageRegistrationAsync(ProjectRequest request, string? clientId, CancellationToken cancellationToken)
    {
        var details = ProjectRequestValidator.Validate(request);
        await EnsurePartnersKnownAsync(details, [], cancellationToken);
        var id = request.Id ?? Guid.CreateVersion7();
        if (db.Projects.Local.Any(p => p.Id == id) || await db.Projects.AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw new ConflictException($"A project with id '{id}' already exists.");
        }
        var iatiIdentifier = request.IatiIdentifier ?? Project.DefaultIatiIdentifier(iati.Value.ReportingOrganisation.Ref, id);
        if (db.Projects.Local.Any(p => p.IatiIdentifier == iatiIdentifier)
            || await db.Projects.AnyAsync(p => p.IatiIdentifier == iatiIdentifier, cancellationToken))
        {
            throw new ConflictException($"A project with IATI identifier '{iatiIdentifier}' already exists.");
        }
        var project = Project.Register(id, iatiIdentifier, details, request.Status, clientId, clock.GetUtcNow());
        db.Projects.Add(project);
        db.AddIntegrationEvent(OutgoingEvents.Registered(project));
        return project;
    }

    /// <summary>Replaces the details and partners of <paramref name="project"/>. The status must be left as it is.</summary>
    public async Task<DetailsChange> StageUpdateAsync(Project project, ProjectRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.Id is null || request.Id == project.Id, "id", "The id in the body differs from the project's.")
            .Require(request.IatiIdentifier is null || request.IatiIdentifier == project.IatiIdentifier, "iatiIdentifier",
                "An IATI identifier never changes once given.")
            .Require(request.Status is null || request.Status == project.Status, "status",
                "The status changes only through POST /api/portfolio/v1/projects/{id}/status, which checks the transition.");
        errors.ThrowIfAny();
        var details = ProjectRequestValidator.Validate(request);
        await EnsurePartnersKnownAsync(details, [.. project.CurrentPartners.Select(p => p.InstitutionId)], cancellationToken);
        var change = project.Update(details, clock.GetUtcNow());
        if (change.DetailsChanged)
        {
            db.AddIntegrationEvent(OutgoingEvents.Updated(project));
        }
        if (change.RoleChanges.Count > 0)
        {
            db.AddIntegrationEvent(OutgoingEvents.PartnerRolesChanged(project, change.RoleChanges));
        }
        return change;
    }

    public void StageStatusChange(Project project, ProjectStatus status, string? reason, string? clientId)
    {
        var change = project.ChangeStatus(status, reason, clientId, clock.GetUtcNow());
        db.AddIntegrationEvent(OutgoingEvents.StatusChanged(project, change));
    }

    /// <summary>Commits the unit of work and shows the changed projects in this instance's searches at once.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken) => searchIndex.Upsert(await SaveChangesAsync(cancellationToken));

    /// <summary>Saves without touching the search index, for a caller whose transaction commits later; returns the saved projects.</summary>
    public async Task<IReadOnlyList<Project>> SaveChangesAsync(CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<Project>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity)
            .ToList();
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>Partners must be institutions of the replica (422 otherwise); archived ones may stay but not join.</summary>
    private async Task EnsurePartnersKnownAsync(ProjectDetails details, IReadOnlyCollection<Guid> currentPartners, CancellationToken cancellationToken)
    {
        if (details.Partners.Count == 0)
        {
            return;
        }
        var ids = details.Partners.Select(p => p.InstitutionId).ToList();
        var known = await db.Institutions.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Archived, cancellationToken);
        var errors = new ValidationErrors();
        for (var i = 0; i < ids.Count; i++)
        {
            var field = $"partners[{i}].institutionId";
            if (!known.TryGetValue(ids[i], out var archived))
            {
                errors.Add(field, $"No institution '{ids[i]}' is known to the portfolio; register it in the directory first.");
            }
            else if (archived && !currentPartners.Contains(ids[i]))
            {
                errors.Add(field, $"The institution '{ids[i]}' is archived in the directory and cannot join a project.");
            }
        }
        errors.ThrowUnprocessableIfAny();
    }
}
