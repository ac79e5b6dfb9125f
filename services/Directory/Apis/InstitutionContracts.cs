using System.Security.Claims;
using System.Text.Json.Serialization;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Directory.Infrastructure.EntityConfigurations;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Directory.Apis;

/// <summary>An institution or network as a client sends it: the whole record, for a create (POST) or a replacement (PUT).</summary>
public record InstitutionRequest
{
    public string? Name { get; init; }
    public string? Acronym { get; init; }
    public string? Description { get; init; }
    public InstitutionType? Type { get; init; }

    /// <summary>Planned, active or closed; active when left out.</summary>
    public InstitutionStatus? Status { get; init; }

    public string? Country { get; init; }
    public string? City { get; init; }
    public string? Website { get; init; }
    public IReadOnlyList<string>? Sectors { get; init; }
    public IReadOnlyList<int>? Sdgs { get; init; }
    public IReadOnlyList<PartnerRole>? Roles { get; init; }
    public IReadOnlyList<string>? OperatingCountries { get; init; }
    public IReadOnlyList<string>? OperatingRegions { get; init; }
    public int? FoundedYear { get; init; }
    public string? HistoryNote { get; init; }
    public IReadOnlyList<ContactPointDto>? ContactPoints { get; init; }
    public IReadOnlyList<RelationDto>? Relations { get; init; }

    public const int MaxListItems = 50;

    /// <summary>Checks every field against the rules and the shared reference data; one 400 names every bad field.</summary>
    public InstitutionDetails ToDetails(ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        errors.Text("name", Name, InstitutionLimits.Name, required: true)
            .Text("acronym", Acronym, InstitutionLimits.Acronym)
            .Text("description", Description, InstitutionLimits.Description, multiline: true)
            .Text("city", City, InstitutionLimits.City)
            .Text("historyNote", HistoryNote, InstitutionLimits.Description, multiline: true)
            .Require(Type is not null, "type", "The type is required.")
            .Require(Country is null || Countries.IsKnown(Country), "country", $"'{Country}' is not an ISO 3166-1 alpha-3 country code.")
            .Require(Website is null || IsWebAddress(Website), "website", "The website must be an absolute http or https address of at most 500 characters.")
            .Require(FoundedYear is null || (FoundedYear >= 1800 && FoundedYear <= DateTime.UtcNow.Year + 10), "foundedYear", "The founding year must be between 1800 and ten years from now.")
            .SectorList("sectors", Sectors)
            .SdgList("sdgs", Sdgs)
            .CountryList("operatingCountries", OperatingCountries)
            .RegionList("operatingRegions", OperatingRegions)
            .Require((Roles?.Count ?? 0) <= MaxListItems, "roles", $"At most {MaxListItems} values.")
            .Each("contactPoints", ContactPoints, (e, field, contact) => contact.Check(e, field))
            .Each("relations", Relations, (e, field, relation) => e.Require(relation.InstitutionId != Guid.Empty, $"{field}.institutionId", "The related institution is required."))
            .Require((ContactPoints?.Count ?? 0) <= 20, "contactPoints", "At most 20 contact points.")
            .Require((Relations?.Count ?? 0) <= MaxListItems, "relations", $"At most {MaxListItems} relations.");
        errors.ThrowIfAny();
        return new InstitutionDetails(
            Name!.Trim(),
            Acronym.TrimmedOrNull(),
            Description.TrimmedOrNull(),
            Type!.Value,
            Status ?? InstitutionStatus.Active,
            Country?.ToUpperInvariant(),
            City.TrimmedOrNull(),
            Website.TrimmedOrNull(),
            Sectors.Canonical(Vocabularies.Sectors),
            [.. (Sdgs ?? []).Distinct()],
            [.. (Roles ?? []).Distinct()],
            OperatingCountries.CanonicalCountries(),
            [.. (OperatingRegions ?? []).Distinct()],
            FoundedYear,
            HistoryNote.TrimmedOrNull(),
            [.. (ContactPoints ?? []).Select(c => c.ToModel())],
            [.. (Relations ?? []).Select(r => new InstitutionRelation { Kind = r.Kind, RelatedInstitutionId = r.InstitutionId, Note = r.Note.TrimmedOrNull() })]);
    }

    private static bool IsWebAddress(string value) =>
        value.Length <= InstitutionLimits.Website && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>A create may choose the id, so that imports and the demo loader keep stable ids.</summary>
public sealed record CreateInstitutionRequest : InstitutionRequest
{
    public Guid? Id { get; init; }
}

public sealed record ContactPointDto(string? Name, string? Position, string? Email, string? Phone)
{
    internal ValidationErrors Check(ValidationErrors errors, string field) => errors
        .Text($"{field}.name", Name, 200, required: true)
        .Text($"{field}.position", Position, 200)
        .Text($"{field}.phone", Phone, 50)
        .Require(Email is null || (Email.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(Email, out _)), $"{field}.email", $"'{Email}' is not an e-mail address.");

    internal ContactPoint ToModel() => new() { Name = Name!.Trim(), Position = Position.TrimmedOrNull(), Email = Email.TrimmedOrNull(), Phone = Phone.TrimmedOrNull() };

    internal static ContactPointDto From(ContactPoint contact) => new(contact.Name, contact.Position, contact.Email, contact.Phone);
}

/// <summary>
/// How this institution relates to another: <c>predecessor</c> (it was formed from that one, "formerly"), <c>parent</c>,
/// <c>supporter</c> or <c>funder</c>.
/// </summary>
public sealed record RelationDto(RelationKind Kind, Guid InstitutionId, string? Note);

public sealed record InstitutionResponse(
    Guid Id,
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ContactPointDto>? ContactPoints,
    IReadOnlyList<RelationDto> Relations,
    IReadOnlyList<Guid> NetworkIds,
    int OpenOffers,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt)
{
    /// <summary>The institution as <paramref name="viewer"/> may see it: contact points (people's names, emails, phones) only for the owner client and platform admins.</summary>
    public static InstitutionResponse From(Institution i, ClaimsPrincipal viewer) => new(
        i.Id, i.Name, i.Acronym, i.Description, i.Type, i.Status, i.Country, i.City, i.Website, i.Sectors, i.Sdgs, i.Roles,
        i.OperatingCountries, i.OperatingRegions, i.FoundedYear, i.HistoryNote,
        viewer.IsOwnerOrAdmin(i.OwnerClientId) ? [.. i.ContactPoints.Select(ContactPointDto.From)] : null,
        [.. i.Relations.Select(r => new RelationDto(r.Kind, r.RelatedInstitutionId, r.Note))],
        i.NetworkIds, i.Offers.OpenOffers, i.Version, i.CreatedAt, i.UpdatedAt, i.ArchivedAt);
}
