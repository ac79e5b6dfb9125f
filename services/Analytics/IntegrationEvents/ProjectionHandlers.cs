using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Messaging;

namespace CooperationPlatform.Analytics.IntegrationEvents;

// One handler (one queue) per source service; each message goes to the projector, which the rebuild uses as well.

public sealed class PortfolioProjectionHandler(Projector projector) :
    IIntegrationEventHandler<ProjectRegistered>,
    IIntegrationEventHandler<ProjectUpdated>,
    IIntegrationEventHandler<ProjectStatusChanged>,
    IIntegrationEventHandler<ProjectPartnerRolesChanged>
{
    public Task HandleAsync(ProjectRegistered message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(ProjectUpdated message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(ProjectStatusChanged message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(ProjectPartnerRolesChanged message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
}

public sealed class DirectoryProjectionHandler(Projector projector) :
    IIntegrationEventHandler<InstitutionRegistered>,
    IIntegrationEventHandler<InstitutionUpdated>,
    IIntegrationEventHandler<InstitutionArchived>,
    IIntegrationEventHandler<NetworkMembershipChanged>
{
    public Task HandleAsync(InstitutionRegistered message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(InstitutionUpdated message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(InstitutionArchived message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(NetworkMembershipChanged message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
}

public sealed class EventsProjectionHandler(Projector projector) :
    IIntegrationEventHandler<EventScheduled>,
    IIntegrationEventHandler<EventConcluded>,
    IIntegrationEventHandler<RegistrationConfirmed>,
    IIntegrationEventHandler<RegistrationCancelled>,
    IIntegrationEventHandler<MeetingRequested>,
    IIntegrationEventHandler<MeetingScheduled>,
    IIntegrationEventHandler<MeetingOutcomeRecorded>
{
    public Task HandleAsync(EventScheduled message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(EventConcluded message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(RegistrationConfirmed message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(RegistrationCancelled message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(MeetingRequested message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(MeetingScheduled message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
    public Task HandleAsync(MeetingOutcomeRecorded message, CancellationToken cancellationToken) => projector.ApplyAsync(message, cancellationToken);
}
