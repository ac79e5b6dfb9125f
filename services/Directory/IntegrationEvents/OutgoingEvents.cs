using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Directory.Model;

namespace CooperationPlatform.Directory.IntegrationEvents;

/// <summary>The messages the directory publishes, built from the records as they stand after a change.</summary>
public static class OutgoingEvents
{
    public static T Institution<T>(Institution institution) where T : InstitutionEvent, new() => new()
    {
        AggregateId = institution.Id,
        AggregateVersion = institution.Version,
        InstitutionId = institution.Id,
        Name = institution.Name,
        Acronym = institution.Acronym,
        Type = institution.Type,
        Status = institution.Status,
        Country = institution.Country,
        Sectors = institution.Sectors,
        Sdgs = institution.Sdgs,
        Roles = institution.Roles,
        NetworkIds = institution.NetworkIds,
    };

    /// <summary>The latest message an institution has produced: archived or not.</summary>
    public static InstitutionEvent Latest(Institution institution) =>
        institution.IsArchived ? Institution<InstitutionArchived>(institution) : Institution<InstitutionUpdated>(institution);

    public static NetworkMembershipChanged MembershipChanged(Membership membership, Institution member) => new()
    {
        AggregateId = member.Id,
        AggregateVersion = member.Version,
        MembershipId = membership.Id,
        NetworkId = membership.NetworkId,
        MemberId = membership.MemberId,
        Role = membership.Role,
        Status = membership.Status,
        Since = membership.Since,
        Until = membership.Until,
        IsArchived = membership.IsArchived,
        MemberNetworkIds = member.NetworkIds,
    };

    public static ListingEvent ListingPublished(Listing listing) =>
        listing.Kind == ListingKind.Offer ? Listing<OfferPublished>(listing) : Listing<NeedPublished>(listing);

    public static ListingEvent ListingUpdated(Listing listing) =>
        listing.Kind == ListingKind.Offer ? Listing<OfferUpdated>(listing) : Listing<NeedUpdated>(listing);

    public static ListingEvent ListingArchived(Listing listing) =>
        listing.Kind == ListingKind.Offer ? Listing<OfferArchived>(listing) : Listing<NeedArchived>(listing);

    public static ListingEvent LatestListing(Listing listing) => listing.IsArchived ? ListingArchived(listing) : ListingUpdated(listing);

    private static T Listing<T>(Listing listing) where T : ListingEvent, new() => new()
    {
        AggregateId = listing.Id,
        AggregateVersion = listing.Version,
        ListingId = listing.Id,
        InstitutionId = listing.InstitutionId,
        Title = listing.Title,
        Status = listing.Status,
        Sectors = listing.Sectors,
        Sdgs = listing.Sdgs,
        TargetCountries = listing.TargetCountries,
        TargetRegions = listing.TargetRegions,
        CooperationModes = listing.CooperationModes,
    };
}
