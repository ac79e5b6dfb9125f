namespace CooperationPlatform.Portal.Api;

// The directory's public JSON (docs/directory.md), as far as the portal shows it. Codes stay strings: the portal labels them
// (Localization) and shows an unknown one as it is. Contact points are never read: the portal shows no personal data.

public sealed record Page<T>(int PageIndex, int PageSize, long Count, IReadOnlyList<T> Items);

public sealed record FacetCount(string Value, string? Label, long Count);

public sealed record InstitutionFacets(
    IReadOnlyList<FacetCount>? Types,
    IReadOnlyList<FacetCount>? Statuses,
    IReadOnlyList<FacetCount>? Countries,
    IReadOnlyList<FacetCount>? Regions,
    IReadOnlyList<FacetCount>? Groupings,
    IReadOnlyList<FacetCount>? Sectors,
    IReadOnlyList<FacetCount>? Sdgs,
    IReadOnlyList<FacetCount>? Roles,
    IReadOnlyList<FacetCount>? Networks);

public sealed record InstitutionSummary(
    Guid Id,
    string Name,
    string? Acronym,
    string Type,
    string Status,
    string? Country,
    string? City,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Roles,
    int OpenOffers);

public sealed record InstitutionSearchPage(int PageIndex, int PageSize, long Count, IReadOnlyList<InstitutionSummary> Items, InstitutionFacets Facets);

public sealed record Relation(string Kind, Guid InstitutionId, string? Note);

public sealed record Institution(
    Guid Id,
    string Name,
    string? Acronym,
    string? Description,
    string Type,
    string Status,
    string? Country,
    string? City,
    string? Website,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> OperatingCountries,
    IReadOnlyList<string> OperatingRegions,
    int? FoundedYear,
    string? HistoryNote,
    IReadOnlyList<Relation> Relations,
    IReadOnlyList<Guid> NetworkIds,
    int OpenOffers,
    DateTimeOffset? ArchivedAt)
{
    public bool IsNetwork => Type == "network";
}

public sealed record Membership(
    Guid Id,
    Guid NetworkId,
    string NetworkName,
    Guid MemberId,
    string MemberName,
    string Role,
    string Status,
    DateOnly? Since,
    DateOnly? Until);

public sealed record StatusCount(string? Status, int Projects);

public sealed record TrackRecordProject(Guid ProjectId, string Title, string? Status, int? StartYear, IReadOnlyList<string> Roles, bool Counts);

public sealed record TrackRecord(
    int Projects,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Countries,
    IReadOnlyList<TrackRecordProject> Recent);

/// <summary>An offer or a need of an institution.</summary>
public sealed record Listing(
    Guid Id,
    Guid InstitutionId,
    string Title,
    string? Description,
    string Status,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> TargetCountries,
    IReadOnlyList<string> TargetRegions,
    IReadOnlyList<string> CooperationModes);

/// <summary>A network's secretariat, hubs and member counts (<c>GET /networks/{id}</c>).</summary>
public sealed record NetworkSummary(
    IReadOnlyList<Membership> Secretariat,
    IReadOnlyList<Membership> Hubs,
    long ActiveMembers,
    long SuspendedMembers,
    long FormerMembers);
