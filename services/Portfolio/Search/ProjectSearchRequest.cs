using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Mvc;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>
/// The query string of <c>GET /api/portfolio/v1/projects</c>. Repeat a parameter to accept several values (<c>country=VNM&amp;country=LKA</c>):
/// values of one parameter are alternatives, different parameters must all hold. <c>sdgMatch=primary</c> matches the primary SDG only.
/// Years select projects whose period overlaps the range (a project with no end is taken as still running).
/// </summary>
public sealed record ProjectSearchRequest
{
    [FromQuery(Name = "q")] public string? Q { get; init; }
    [FromQuery(Name = "country")] public string[]? Country { get; init; }
    [FromQuery(Name = "region")] public string[]? Region { get; init; }
    [FromQuery(Name = "grouping")] public string[]? Grouping { get; init; }
    [FromQuery(Name = "sdg")] public int[]? Sdg { get; init; }
    [FromQuery(Name = "sdgMatch")] public string? SdgMatch { get; init; }
    [FromQuery(Name = "modality")] public string[]? Modality { get; init; }
    [FromQuery(Name = "mode")] public string[]? Mode { get; init; }
    [FromQuery(Name = "status")] public string[]? Status { get; init; }
    [FromQuery(Name = "funder")] public Guid[]? Funder { get; init; }
    [FromQuery(Name = "partner")] public Guid[]? Partner { get; init; }
    [FromQuery(Name = "sector")] public string[]? Sector { get; init; }
    [FromQuery(Name = "yearFrom")] public int? YearFrom { get; init; }
    [FromQuery(Name = "yearTo")] public int? YearTo { get; init; }
    [FromQuery(Name = "pageIndex")] public int? PageIndex { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public const int MaxQueryLength = 200;

    /// <summary>Checks every value (400 naming the parameter) and turns codes into the numbers the index compares.</summary>
    public SearchFilter ToFilter()
    {
        var errors = new ValidationErrors();
        errors.Require((Q?.Length ?? 0) <= MaxQueryLength, "q", $"The query is longer than {MaxQueryLength} characters.");
        var countries = Codes(errors, "country", Country, c => Countries.IsKnown(c) ? FacetCodes.Country(c) : -1, "an ISO 3166-1 alpha-3 country code");
        var regions = Codes(errors, "region", Region, r => Regions.IsKnown(r) ? FacetCodes.Region(r) : -1, "a UN M49 region code");
        var groupings = Codes(errors, "grouping", Grouping, g => CountryGroupings.TryParse(g, out var v) ? (int)v : -1, "ldc, lldc or sids");
        var modes = Codes(errors, "mode", Mode, FacetCodes.Mode, "a cooperation mode of the vocabulary");
        var sectors = Codes(errors, "sector", Sector, FacetCodes.Sector, "a sector of the vocabulary");
        var modalities = Codes(errors, "modality", Modality, m => EnumCodes<ProjectModality>.TryParse(m, out var v) ? (int)v : -1,
            EnumCodes<ProjectModality>.List);
        var statuses = Codes(errors, "status", Status, s => EnumCodes<ProjectStatus>.TryParse(s, out var v) ? (int)v : -1,
            EnumCodes<ProjectStatus>.List);
        errors.Each("sdg", Sdg, (e, field, goal) => e.Sdg(field, goal));
        errors.Require(SdgMatch is null or "any" or "primary", "sdgMatch", "sdgMatch is 'any' (the default) or 'primary'.");
        errors.Require(YearFrom is null || YearTo is null || YearFrom <= YearTo, "yearTo", "yearTo is before yearFrom.");
        var page = new PageRequest(PageIndex ?? 0, PageSize ?? PageRequest.DefaultPageSize);
        errors.ThrowIfAny();
        page.Validated();
        return new SearchFilter
        {
            Text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            Countries = countries,
            Regions = regions,
            GroupingMask = groupings?.Aggregate(0, (mask, g) => mask | (1 << g)),
            SdgMask = Sdg is { Length: > 0 } ? Sdg.Aggregate(0, (mask, g) => mask | (1 << g)) : null,
            PrimarySdgOnly = SdgMatch == "primary",
            Modalities = modalities,
            Modes = modes,
            Statuses = statuses,
            Funders = Funder is { Length: > 0 } ? [.. Funder] : null,
            Partners = Partner is { Length: > 0 } ? [.. Partner] : null,
            Sectors = sectors,
            YearFrom = YearFrom,
            YearTo = YearTo,
            Page = page,
        };
    }

    private static HashSet<int>? Codes(ValidationErrors errors, string field, string[]? values, Func<string, int> number, string expected)
    {
        if (values is not { Length: > 0 })
        {
            return null;
        }
        var numbers = new HashSet<int>();
        foreach (var value in values)
        {
            var n = number(value);
            errors.Require(n >= 0, field, $"'{value}' is not {expected}.");
            numbers.Add(n);
        }
        return numbers;
    }
}

/// <summary>A validated search; null members do not filter.</summary>
public sealed record SearchFilter
{
    public string? Text { get; init; }
    public HashSet<int>? Countries { get; init; }
    public HashSet<int>? Regions { get; init; }
    public int? GroupingMask { get; init; }
    public int? SdgMask { get; init; }
    public bool PrimarySdgOnly { get; init; }
    public HashSet<int>? Modalities { get; init; }
    public HashSet<int>? Modes { get; init; }
    public HashSet<int>? Statuses { get; init; }
    public IReadOnlyList<Guid>? Funders { get; init; }
    public IReadOnlyList<Guid>? Partners { get; init; }
    public HashSet<int>? Sectors { get; init; }
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
    public PageRequest Page { get; init; } = new();
}
