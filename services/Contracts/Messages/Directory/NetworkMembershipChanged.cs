using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Contracts.Messages.Directory;

/// <summary>
/// A membership of an institution in a network was created, changed or archived. The aggregate is the member institution
/// (<see cref="IntegrationEvent.AggregateId"/> = <see cref="MemberId"/>), so this message and the member's InstitutionUpdated
/// arrive in order; <see cref="MemberNetworkIds"/> is the member's full set of networks after the change.
/// </summary>
public sealed record NetworkMembershipChanged : IntegrationEvent
{
    public Guid MembershipId { get; init; }
    public Guid NetworkId { get; init; }
    public Guid MemberId { get; init; }
    public MembershipRole Role { get; init; }
    public MembershipStatus Status { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }

    /// <summary>True when the membership record was archived (entered by mistake, say): treat it as never having existed.</summary>
    public bool IsArchived { get; init; }

    public IReadOnlyList<Guid> MemberNetworkIds { get; init; } = [];
}
