using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Contracts.Messages.Portfolio;

/// <summary>A project was added to the portfolio (through the API or an import).</summary>
public sealed record ProjectRegistered : IntegrationEvent
{
    public ProjectSnapshot Project { get; init; } = new();
}

/// <summary>A project's details changed; its status and partner roles have messages of their own.</summary>
public sealed record ProjectUpdated : IntegrationEvent
{
    public ProjectSnapshot Project { get; init; } = new();
}

/// <summary>A project moved from one IATI activity status to another.</summary>
public sealed record ProjectStatusChanged : IntegrationEvent
{
    public ProjectSnapshot Project { get; init; } = new();

    /// <summary>Null when the status had not been reported before.</summary>
    public ProjectStatus? PreviousStatus { get; init; }

    public ProjectStatus Status { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Partners joined or left a project, or took on or gave up roles in it.</summary>
public sealed record ProjectPartnerRolesChanged : IntegrationEvent
{
    public ProjectSnapshot Project { get; init; } = new();
    public IReadOnlyList<PartnerRoleChange> Changes { get; init; } = [];
}

public enum PartnerRoleChangeKind
{
    Assigned,
    Ended,
}
