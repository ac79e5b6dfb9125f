namespace CooperationPlatform.Portal.Api;

// Analytics, events, portfolio and reference data: the public JSON as the portal reads it (docs/analytics.md, events.md, portfolio.md).

public sealed record Overview(
    long Projects,
    long CountriesReached,
    long SdgsCovered,
    long Institutions,
    long Networks,
    long Events,
    long Participants,
    long MeetingsRequested);

public sealed record EventDetails(
    string Name,
    string? Series,
    string Kind,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? VenueName,
    string? VenueCity,
    string? VenueCountry,
    IReadOnlyList<int>? Sdgs);

public sealed record EventSeats(int? Capacity, int Confirmed, int Waitlisted, int? Available);

public sealed record EventItem(Guid Id, string Status, EventDetails Details, EventSeats Seats);

/// <summary>A project as portfolio search lists it; <see cref="Start"/> and <see cref="End"/> are partial dates ("2016", "2016-05").</summary>
public sealed record ProjectSummary(
    Guid Id,
    string Title,
    string? Status,
    string? Modality,
    int? PrimarySdg,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Countries,
    string? Start,
    string? End);

public sealed record ProjectFacets(IReadOnlyList<FacetCount>? StartYears);

public sealed record ProjectSearchPage(int PageIndex, int PageSize, long Count, IReadOnlyList<ProjectSummary> Items, ProjectFacets Facets);

public sealed record Country(string Code, string Name, string Region, string SubRegion, string? IntermediateRegion, bool Ldc, bool Lldc, bool Sids);

public sealed record Region(string Code, string Name, string Level, string? Parent);

public sealed record Sdg(int Goal, string Name);

/// <summary>A sector or a cooperation mode.</summary>
public sealed record Term(string Code, string Label);
