using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Contracts.Messages.Directory;

/// <summary>
/// The state of an offer (what an institution can share) or a need (what it seeks) after a change.
/// <see cref="IntegrationEvent.AggregateId"/> is <see cref="ListingId"/>.
/// </summary>
public abstract record ListingEvent : IntegrationEvent
{
    public Guid ListingId { get; init; }
    public Guid InstitutionId { get; init; }
    public string Title { get; init; } = "";
    public ListingStatus Status { get; init; }
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<int> Sdgs { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-3 codes.</summary>
    public IReadOnlyList<string> TargetCountries { get; init; } = [];

    /// <summary>UN M49 region codes ("002" Africa, "419" Latin America and the Caribbean).</summary>
    public IReadOnlyList<string> TargetRegions { get; init; } = [];

    /// <summary>Cooperation mode codes of the shared vocabulary.</summary>
    public IReadOnlyList<string> CooperationModes { get; init; } = [];
}

public sealed record OfferPublished : ListingEvent;

/// <summary>An offer's data or status (open, closed) changed.</summary>
public sealed record OfferUpdated : ListingEvent;

public sealed record OfferArchived : ListingEvent;

public sealed record NeedPublished : ListingEvent;

/// <summary>A need's data or status (open, closed) changed.</summary>
public sealed record NeedUpdated : ListingEvent;

public sealed record NeedArchived : ListingEvent;
