using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Analytics.Application;

/// <summary>A validated filter: years are a project's (actual, else planned) start year or an event's start year, both ends included.</summary>
public sealed record ViewScope(int? FromYear, int? ToYear, int? Status)
{
    public string Key => $"{FromYear}-{ToYear}-{Status}";
}

public sealed record Count<TKey>(TKey Key, long Projects);

public sealed record Money(string Currency, decimal Amount);

public sealed record TargetUse(string Target, long Projects);

public sealed record SdgUse(int Sdg, long Projects);

public sealed record Overview(
    long Projects,
    IReadOnlyList<Count<ProjectStatus?>> ByStatus,
    IReadOnlyList<Count<ProjectModality?>> ByModality,
    long CountriesReached,
    long SdgsCovered,
    long Institutions,
    long Networks,
    long Events,
    long Participants,
    long MeetingsRequested);

public sealed record SdgSummary(int Sdg, string Name, long PrimaryProjects, long SecondaryProjects);

public sealed record SdgView(
    int Sdg,
    string Name,
    long PrimaryProjects,
    long SecondaryProjects,
    IReadOnlyList<Count<ProjectStatus?>> ByStatus,
    IReadOnlyList<Count<ProjectModality?>> ByModality,
    IReadOnlyList<string> CountriesReached,
    long PartnerInstitutions,
    IReadOnlyList<Money> CommittedFunding,
    IReadOnlyList<TargetUse> Targets);

/// <summary>A country, an M49 region or a grouping (LDC, LLDC, SIDS): what happens in or comes from its countries.</summary>
public sealed record PlaceView(
    string Code,
    string Name,
    int Countries,
    long ProjectsAsRecipient,
    long InstitutionsBasedThere,
    long EventsHosted,
    long ParticipantsFromThere);

public sealed record ModalityYear(int Year, long SouthSouth, long Triangular, long SouthSouthWithMultilateralFacilitator, long Unreported);

public sealed record ModalityTrend(IReadOnlyList<ModalityYear> Years);

/// <summary>The projects of a funder, or of a network's member institutions (optionally only those a given funder funds).</summary>
public sealed record ReachView(
    Guid Id,
    string? Name,
    long MemberInstitutions,
    long Projects,
    IReadOnlyList<string> CountriesReached,
    long CountriesReachedCount,
    IReadOnlyList<SdgUse> Sdgs,
    IReadOnlyList<Money> CommittedFunding);

public sealed record Funnel(long MeetingsRequested, long MeetingsScheduled, long MeetingsHeld, long Leads, long LinkedProjects);

public sealed record EventView(
    Guid EventId,
    string Name,
    EventStatus Status,
    int? Year,
    string? VenueCity,
    string? VenueCountry,
    long Participants,
    long Organizations,
    long Cities,
    long Countries,
    Funnel Funnel);

/// <summary>SDG 17 indicators: multi-stakeholder partnerships (three or more partner institutions), triangular projects, distinct partner pairs.</summary>
public sealed record PartnershipIndicators(long Projects, long MultiStakeholderProjects, long TriangularProjects, long DistinctPartnerPairs);
