using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Directory.IntegrationEvents;
using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Application;

/// <summary>
/// Records memberships. Each change also updates the member's list of networks (and so its version) and publishes both
/// <see cref="NetworkMembershipChanged"/> and <see cref="InstitutionUpdated"/> for the member. Changes of one member are serialized
/// on the member's row, so concurrent memberships never lose one another.
/// </summary>
public sealed class MembershipService(DirectoryDbContext db, TimeProvider clock)
{
    public async Task<Membership> CreateAsync(Guid? id, Guid networkId, Guid memberId, MembershipTerms terms, WriteGuard guard,
        CancellationToken cancellationToken)
    {
        var membershipId = id ?? Guid.CreateVersion7();
        if (await db.Memberships.AnyAsync(m => m.Id == membershipId, cancellationToken))
        {
            throw new ConflictException($"A membership with id '{membershipId}' already exists.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.LockInstitutionAsync(memberId, "memberId", cancellationToken);
        var network = await db.Institutions.FirstOrDefaultAsync(i => i.Id == networkId, cancellationToken);
        new ValidationErrors()
            .Require(network is not null, "networkId", $"Network '{networkId}' is not in the directory.")
            .Require(network is null || network.Type == InstitutionType.Network, "networkId", $"Institution '{networkId}' is not a network.")
            .Require(network is null || !network.IsArchived, "networkId", $"Network '{networkId}' is archived.")
            .ThrowUnprocessableIfAny();
        guard.EnsureOwnsEither(network!.OwnerClientId, member.OwnerClientId);

        var memberships = await CurrentMembershipsOfAsync(memberId, cancellationToken);
        EnsureNoOverlap(memberships, networkId, terms, exceptId: null);
        var membership = Membership.Create(membershipId, networkId, memberId, terms, guard.ClientId, clock.GetUtcNow());
        db.Memberships.Add(membership);
        await SaveWithMemberAsync(membership, member, [.. memberships, membership], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return membership;
    }

    public async Task<Membership> UpdateAsync(Guid id, MembershipTerms terms, WriteGuard guard, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var membership = await FindAsync(id, cancellationToken);
        guard.EnsureCanChange(membership.Version, membership.OwnerClientId);
        if (membership.IsArchived)
        {
            throw new ConflictException($"Membership '{id}' is archived and cannot change.");
        }
        var member = await db.LockInstitutionAsync(membership.MemberId, "memberId", cancellationToken);
        var memberships = await CurrentMembershipsOfAsync(membership.MemberId, cancellationToken);
        EnsureNoOverlap(memberships, membership.NetworkId, terms, exceptId: id);
        membership.Update(terms, clock.GetUtcNow());
        await SaveWithMemberAsync(membership, member, memberships, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return membership;
    }

    public async Task<Membership> ArchiveAsync(Guid id, WriteGuard guard, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var membership = await FindAsync(id, cancellationToken);
        guard.EnsureCanChange(membership.Version, membership.OwnerClientId);
        if (membership.IsArchived)
        {
            return membership;
        }
        var member = await db.LockInstitutionAsync(membership.MemberId, "memberId", cancellationToken, allowArchived: true);
        var memberships = await CurrentMembershipsOfAsync(membership.MemberId, cancellationToken);
        membership.Archive(clock.GetUtcNow());
        await SaveWithMemberAsync(membership, member, memberships, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return membership;
    }

    public async Task<Membership> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Memberships.FirstOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw new NotFoundException("Membership", id);

    private async Task SaveWithMemberAsync(Membership membership, Institution member, IEnumerable<Membership> memberships,
        CancellationToken cancellationToken)
    {
        member.SetNetworks(memberships.Where(m => m.IsCurrent).Select(m => m.NetworkId), clock.GetUtcNow());
        db.AddIntegrationEvent(OutgoingEvents.MembershipChanged(membership, member));
        db.AddIntegrationEvent(OutgoingEvents.Institution<InstitutionUpdated>(member));
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<List<Membership>> CurrentMembershipsOfAsync(Guid memberId, CancellationToken cancellationToken) =>
        db.Memberships.Where(m => m.MemberId == memberId && m.ArchivedAt == null).ToListAsync(cancellationToken);

    private static void EnsureNoOverlap(IEnumerable<Membership> memberships, Guid networkId, MembershipTerms terms, Guid? exceptId)
    {
        var clash = memberships.FirstOrDefault(m => m.NetworkId == networkId && m.Id != exceptId && m.Overlaps(terms));
        if (clash is not null)
        {
            throw new ConflictException(
                $"Membership '{clash.Id}' already puts this institution in the network for an overlapping period; change or archive it instead.");
        }
    }
}
