using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Directory.Model;

public enum ListingKind
{
    /// <summary>Expertise, a technology or a solution an institution can share.</summary>
    Offer,

    /// <summary>What an institution seeks.</summary>
    Need,
}

/// <summary>An offer or a need an institution publishes for matchmaking.</summary>
public sealed class Listing
{
    private Listing()
    {
    }

    public Guid Id { get; private set; }
    public ListingKind Kind { get; private set; }
    public Guid InstitutionId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public ListingStatus Status { get; private set; }
    public List<string> Sectors { get; private set; } = [];
    public List<int> Sdgs { get; private set; } = [];
    public List<string> TargetCountries { get; private set; } = [];
    public List<string> TargetRegions { get; private set; } = [];
    public List<string> CooperationModes { get; private set; } = [];
    public long Version { get; private set; }
    public string? OwnerClientId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    public string SearchText { get; private set; } = "";

    public bool IsArchived => ArchivedAt is not null;

    public bool IsOpenOffer => Kind == ListingKind.Offer && Status == ListingStatus.Open && !IsArchived;

    public static Listing Publish(Guid id, ListingKind kind, Guid institutionId, ListingDetails details, string? ownerClientId, DateTimeOffset now)
    {
        var listing = new Listing { Id = id, Kind = kind, InstitutionId = institutionId, Version = 1, OwnerClientId = ownerClientId, CreatedAt = now };
        listing.Apply(details, now);
        return listing;
    }

    public void Update(ListingDetails details, DateTimeOffset now)
    {
        Apply(details, now);
        Version++;
    }

    public void Archive(DateTimeOffset now)
    {
        ArchivedAt ??= now;
        UpdatedAt = now;
        Version++;
    }

    private void Apply(ListingDetails details, DateTimeOffset now)
    {
        Title = details.Title;
        Description = details.Description;
        Status = details.Status;
        Sectors = [.. details.Sectors];
        Sdgs = [.. details.Sdgs];
        TargetCountries = [.. details.TargetCountries];
        TargetRegions = [.. details.TargetRegions];
        CooperationModes = [.. details.CooperationModes];
        SearchText = Model.SearchText.Join([Title, Description]);
        UpdatedAt = now;
    }
}

public sealed record ListingDetails(
    string Title,
    string? Description,
    ListingStatus Status,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> TargetCountries,
    IReadOnlyList<string> TargetRegions,
    IReadOnlyList<string> CooperationModes);
