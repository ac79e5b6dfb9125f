using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>A project as a search or similarity result lists it; <see cref="Start"/> and <see cref="End"/> are actual dates if known, else planned.</summary>
public sealed record ProjectSummary(
    Guid Id,
    string Title,
    ProjectStatus? Status,
    ProjectModality? Modality,
    int? PrimarySdg,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Regions,
    PartialDate? Start,
    PartialDate? End);

public sealed record FacetValue(string Value, string Label, int Count);

/// <summary>How many of the matching projects have each value, most frequent first (institutions: the top 25).</summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Countries,
    IReadOnlyList<FacetValue> Regions,
    IReadOnlyList<FacetValue> Groupings,
    IReadOnlyList<FacetValue> Sdgs,
    IReadOnlyList<FacetValue> PrimarySdgs,
    IReadOnlyList<FacetValue> Modalities,
    IReadOnlyList<FacetValue> Modes,
    IReadOnlyList<FacetValue> Statuses,
    IReadOnlyList<FacetValue> Funders,
    IReadOnlyList<FacetValue> Partners,
    IReadOnlyList<FacetValue> Sectors,
    IReadOnlyList<FacetValue> StartYears);

/// <summary>One page of matches in a stable order (relevance then id with a text query, else title then id), with facets over all matches.</summary>
public sealed record ProjectSearchResponse(int PageIndex, int PageSize, long Count, IReadOnlyList<ProjectSummary> Items, SearchFacets Facets);

/// <summary>Why a project is similar: what it shares with the other one (kind: sdg, primary-sdg, sector, country, partner).</summary>
public sealed record SimilarityReason(string Kind, IReadOnlyList<string> Values, string Text);

public sealed record SimilarProject(ProjectSummary Project, int Score, IReadOnlyList<SimilarityReason> Reasons);
