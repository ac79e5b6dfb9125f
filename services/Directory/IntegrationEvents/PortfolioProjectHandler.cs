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
        if (project is null)
        {
            db.PortfolioProjects.Add(PortfolioProject.From(snapshot, version, clock.GetUtcNow()));
        }
        else
        {
            project.Apply(snapshot, version, clock.GetUtcNow());
        }
    }
}
