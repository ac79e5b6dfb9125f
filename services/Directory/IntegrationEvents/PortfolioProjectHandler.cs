using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.IntegrationEvents;

/// <summary>Keeps the directory's copy of portfolio projects, from which institutions' track records are read.</summary>
public sealed class PortfolioProjectHandler(DirectoryDbContext db, TimeProvider clock) :
    IIntegrationEventHandler<ProjectRegistered>,
    IIntegrationEventHandler<ProjectUpdated>,
    IIntegrationEventHandler<ProjectStatusChanged>,
    IIntegrationEventHandler<ProjectPartnerRolesChanged>
{
    public Task HandleAsync(ProjectRegistered message, CancellationToken cancellationToken) =>
        ApplyAsync(message.Project, message.AggregateVersion, cancellationToken);

    public Task HandleAsync(ProjectUpdated message, CancellationToken cancellationToken) =>
        ApplyAsync(message.Project, message.AggregateVersion, cancellationToken);

    public Task HandleAsync(ProjectStatusChanged message, CancellationToken cancellationToken) =>
        ApplyAsync(message.Project, message.AggregateVersion, cancellationToken);

    public Task HandleAsync(ProjectPartnerRolesChanged message, CancellationToken cancellationToken) =>
        ApplyAsync(message.Project, message.AggregateVersion, cancellationToken);

    private async Task ApplyAsync(ProjectSnapshot snapshot, long version, CancellationToken cancellationToken)
    {
        var project = await db.PortfolioProjects.Include(p => p.Partners).FirstOrDefaultAsync(p => p.Id == snapshot.ProjectId, cancellationToken);
        var countedBefore = project?.CountedPartners() ?? new HashSet<Guid>();
        if (project is null)
        {
            project = PortfolioProject.From(snapshot, version, clock.GetUtcNow());
            db.PortfolioProjects.Add(project);
        }
        else if (!project.Apply(snapshot, version, clock.GetUtcNow()))
        {
            return;
        }
        var countedAfter = project.CountedPartners();
        await CountAsync([.. countedAfter.Except(countedBefore)], [.. countedBefore.Except(countedAfter)], cancellationToken);
    }

    /// <summary>
    /// Moves the institutions' counted-project totals in the message's transaction, as one atomic upsert: projects sharing a partner
    /// are applied concurrently. Rows are written in id order, so two such transactions lock them in the same order.
    /// </summary>
    private async Task CountAsync(Guid[] counted, Guid[] uncounted, CancellationToken cancellationToken)
    {
        if (counted.Length + uncounted.Length == 0)
        {
            return;
        }
        Guid[] institutions = [.. counted, .. uncounted];
        int[] deltas = [.. counted.Select(_ => 1), .. uncounted.Select(_ => -1)];
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO institution_track_counts (institution_id, counted_projects)
            SELECT id, delta FROM unnest({institutions}, {deltas}) AS d(id, delta) ORDER BY id
            ON CONFLICT (institution_id) DO UPDATE SET counted_projects = institution_track_counts.counted_projects + excluded.counted_projects
            """, cancellationToken);
    }
}
