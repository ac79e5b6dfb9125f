using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Portfolio.Model;

namespace CooperationPlatform.Portfolio.IntegrationEvents;

/// <summary>The integration events a change to a project publishes, each with the project's state after the change.</summary>
public static class OutgoingEvents
{
    public static ProjectRegistered Registered(Project project) =>
        new() { AggregateId = project.Id, AggregateVersion = project.Version, Project = project.ToSnapshot() };

    public static ProjectUpdated Updated(Project project) =>
        new() { AggregateId = project.Id, AggregateVersion = project.Version, Project = project.ToSnapshot() };

    public static ProjectStatusChanged StatusChanged(Project project, StatusChange change) => new()
    {
        AggregateId = project.Id,
        AggregateVersion = project.Version,
        Project = project.ToSnapshot(),
        PreviousStatus = change.From,
        Status = change.To,
        Reason = change.Reason,
    };

    public static ProjectPartnerRolesChanged PartnerRolesChanged(Project project, IReadOnlyList<PartnerRoleChange> changes) =>
        new() { AggregateId = project.Id, AggregateVersion = project.Version, Project = project.ToSnapshot(), Changes = changes };
}
