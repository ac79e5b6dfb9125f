using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Directory.Model;

/// <summary>An institution's membership in a network, as data: when it began and ended, its status and the member's role.</summary>
public sealed class Membership
{
    private Membership()
    {
    }

    public Guid Id { get; private set; }
    public Guid NetworkId { get; private set; }
    public Guid MemberId { get; private set; }
    public MembershipRole Role { get; private set; }
    public MembershipStatus Status { get; private set; }
    public DateOnly? Since { get; private set; }
    public DateOnly? Until { get; private set; }
    public string? Note { get; private set; }
    public long Version { get; private set; }
    public string? OwnerClientId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>Whether it puts the member in the network now: not archived and not left.</summary>
    public bool IsCurrent => !IsArchived && Status != MembershipStatus.Left;

    public static Membership Create(Guid id, Guid networkId, Guid memberId, MembershipTerms terms, string? ownerClientId, DateTimeOffset now)
    {
        var membership = new Membership { Id = id, NetworkId = networkId, MemberId = memberId, Version = 1, OwnerClientId = ownerClientId, CreatedAt = now };
        membership.Apply(terms, now);
        return membership;
    }

    public void Update(MembershipTerms terms, DateTimeOffset now)
    {
        Apply(terms, now);
        Version++;
    }

    public void Archive(DateTimeOffset now)
    {
        ArchivedAt ??= now;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Two periods overlap unless one ends before the other begins; an open end runs forever.</summary>
    public bool Overlaps(MembershipTerms terms) =>
        (Until is null || terms.Since is null || terms.Since <= Until) && (terms.Until is null || Since is null || Since <= terms.Until);

    private void Apply(MembershipTerms terms, DateTimeOffset now)
    {
        Role = terms.Role;
        Status = terms.Status;
        Since = terms.Since;
        Until = terms.Until;
        Note = terms.Note;
        UpdatedAt = now;
    }
}

/// <summary>The validated, changeable part of a membership.</summary>
public sealed record MembershipTerms(MembershipRole Role, MembershipStatus Status, DateOnly? Since, DateOnly? Until, string? Note);
