using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Contracts.Messages.Directory;

/// <summary>
/// The state of an institution (a network too) after a change, so that a consumer keeps its replica without calling the directory.
/// <see cref="IntegrationEvent.AggregateId"/> is <see cref="InstitutionId"/>; a newer <see cref="IntegrationEvent.AggregateVersion"/> wins.
/// </summary>
public abstract record InstitutionEvent : IntegrationEvent
{
    public Guid InstitutionId { get; init; }
    public string Name { get; init; } = "";
    public string? Acronym { get; init; }
    public InstitutionType Type { get; init; }
    public InstitutionStatus Status { get; init; }

    /// <summary>ISO 3166-1 alpha-3; null for a body with no single seat, such as a global network.</summary>
    public string? Country { get; init; }

    /// <summary>Sector codes of the shared vocabulary.</summary>
    public IReadOnlyList<string> Sectors { get; init; } = [];

    /// <summary>SDGs of focus, 1 to 17.</summary>
    public IReadOnlyList<int> Sdgs { get; init; } = [];

    public IReadOnlyList<PartnerRole> Roles { get; init; } = [];

    /// <summary>The networks it is an active or suspended member of (any role), by institution id.</summary>
    public IReadOnlyList<Guid> NetworkIds { get; init; } = [];
}

/// <summary>An institution or network was added to the directory.</summary>
public sealed record InstitutionRegistered : InstitutionEvent;

/// <summary>An institution's data or its network memberships changed.</summary>
public sealed record InstitutionUpdated : InstitutionEvent;

/// <summary>An institution was archived: it stays readable by id but leaves searches and matching.</summary>
public sealed record InstitutionArchived : InstitutionEvent;
