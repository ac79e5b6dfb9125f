using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using NpgsqlTypes;

namespace CooperationPlatform.Directory.Model;

/// <summary>
/// An institution, centre or network (<see cref="InstitutionType.Network"/>) in the directory. Its natural key is its folded name
/// with its country. Memberships and offers are their own records; the institution keeps, for search and matching, the networks
/// it belongs to and a profile of its open offers, both maintained by the code that changes those records.
/// </summary>
public sealed class Institution
{
    private Institution()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Acronym { get; private set; }
    public string? Description { get; private set; }
    public InstitutionType Type { get; private set; }
    public InstitutionStatus Status { get; private set; }
    public string? Country { get; private set; }
    public string? City { get; private set; }
    public string? Website { get; private set; }
    public List<string> Sectors { get; private set; } = [];
    public List<int> Sdgs { get; private set; } = [];
    public List<PartnerRole> Roles { get; private set; } = [];
    public List<string> OperatingCountries { get; private set; } = [];
    public List<string> OperatingRegions { get; private set; } = [];
    public int? FoundedYear { get; private set; }
    public string? HistoryNote { get; private set; }
    public List<ContactPoint> ContactPoints { get; private set; } = [];
    public List<InstitutionRelation> Relations { get; private set; } = [];

    /// <summary>Networks it is an active or suspended member of; the representation shows them, so a change bumps <see cref="Version"/>.</summary>
    public List<Guid> NetworkIds { get; private set; } = [];

    public OfferProfile Offers { get; private set; } = new();

    public long Version { get; private set; }
    public string? OwnerClientId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>The natural key: the folded name; unique together with the country.</summary>
    public string NameKey { get; private set; } = "";

    /// <summary>Folded name, acronym, description, city and sector labels, behind the full-text and trigram indexes.</summary>
    public string SearchText { get; private set; } = "";

    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    public bool IsArchived => ArchivedAt is not null;

    public static Institution Register(Guid id, InstitutionDetails details, string? ownerClientId, DateTimeOffset now)
    {
        var institution = new Institution { Id = id, Version = 1, OwnerClientId = ownerClientId, CreatedAt = now };
        institution.Apply(details, now);
        return institution;
    }

    public void Update(InstitutionDetails details, DateTimeOffset now)
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

    /// <summary>Replaces the networks it belongs to after a membership change.</summary>
    public void SetNetworks(IEnumerable<Guid> networkIds, DateTimeOffset now)
    {
        NetworkIds = [.. networkIds.Distinct().Order()];
        UpdatedAt = now;
        Version++;
    }

    public void SetOfferProfile(OfferProfile profile) => Offers = profile;

    public static string KeyOf(string name) => Model.SearchText.Fold(name);

    private void Apply(InstitutionDetails details, DateTimeOffset now)
    {
        Name = details.Name;
        NameKey = KeyOf(details.Name);
        Acronym = details.Acronym;
        Description = details.Description;
        Type = details.Type;
        Status = details.Status;
        Country = details.Country;
        City = details.City;
        Website = details.Website;
        Sectors = [.. details.Sectors];
        Sdgs = [.. details.Sdgs];
        Roles = [.. details.Roles];
        OperatingCountries = [.. details.OperatingCountries];
        OperatingRegions = [.. details.OperatingRegions];
        FoundedYear = details.FoundedYear;
        HistoryNote = details.HistoryNote;
        ContactPoints = [.. details.ContactPoints];
        Relations = [.. details.Relations];
        SearchText = Model.SearchText.Join([Name, Acronym, Description, City, HistoryNote],
            Sectors.Select(code => Vocabularies.Sectors.TryGet(code, out var term) ? term.Label : code));
        UpdatedAt = now;
    }
}

/// <summary>The validated data of an institution, as created or replaced by a client or an import row.</summary>
public sealed record InstitutionDetails(
    string Name,
    string? Acronym,
    string? Description,
    InstitutionType Type,
    InstitutionStatus Status,
    string? Country,
    string? City,
    string? Website,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<PartnerRole> Roles,
    IReadOnlyList<string> OperatingCountries,
    IReadOnlyList<string> OperatingRegions,
    int? FoundedYear,
    string? HistoryNote,
    IReadOnlyList<ContactPoint> ContactPoints,
    IReadOnlyList<InstitutionRelation> Relations);

/// <summary>A person or desk to contact; never published in messages.</summary>
public sealed class ContactPoint
{
    public required string Name { get; init; }
    public string? Position { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

/// <summary>How an institution relates to another one, recorded on the institution the relation is about.</summary>
public enum RelationKind
{
    /// <summary>The other institution is a predecessor: this one was formed from it (by a merger, say). "Formerly".</summary>
    Predecessor,

    /// <summary>The other institution is its parent: the body that established it or that it is part of.</summary>
    Parent,

    /// <summary>The other institution supports it (technically, institutionally).</summary>
    Supporter,

    /// <summary>The other institution funds it or its members' projects.</summary>
    Funder,
}

public sealed class InstitutionRelation
{
    public required RelationKind Kind { get; init; }
    public required Guid RelatedInstitutionId { get; init; }
    public string? Note { get; init; }
}

/// <summary>What an institution's open offers cover, folded together for matching.</summary>
public sealed class OfferProfile
{
    public int OpenOffers { get; init; }
    public List<string> Sectors { get; init; } = [];
    public List<int> Sdgs { get; init; } = [];
    public List<string> Modes { get; init; } = [];
    public List<string> Countries { get; init; } = [];
    public List<string> Regions { get; init; } = [];

    public static OfferProfile Of(IReadOnlyCollection<Listing> openOffers) => new()
    {
        OpenOffers = openOffers.Count,
        Sectors = [.. openOffers.SelectMany(o => o.Sectors).Distinct().Order(StringComparer.Ordinal)],
        Sdgs = [.. openOffers.SelectMany(o => o.Sdgs).Distinct().Order()],
        Modes = [.. openOffers.SelectMany(o => o.CooperationModes).Distinct().Order(StringComparer.Ordinal)],
        Countries = [.. openOffers.SelectMany(o => o.TargetCountries).Distinct().Order(StringComparer.Ordinal)],
        Regions = [.. openOffers.SelectMany(o => o.TargetRegions).Distinct().Order(StringComparer.Ordinal)],
    };
}
