using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.Messaging;

namespace CooperationPlatform.Directory.IntegrationEvents;

/// <summary>
/// Keeps the directory's copy of portfolio projects, from which institutions' track records are read, and the institutions'
/// counted-project totals, in the message's transaction (<see cref="PortfolioProjectRows"/>).
/// </summary>
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

    private Task ApplyAsync(ProjectSnapshot snapshot, long version, CancellationToken cancellationToken) =>
        PortfolioProjectRows.ApplyAsync(db, PortfolioProject.From(snapshot, version, clock.GetUtcNow()), cancellationToken);
}
