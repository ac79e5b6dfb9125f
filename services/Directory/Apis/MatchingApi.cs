using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CooperationPlatform.Directory.Apis;

/// <summary>Partner matching: ranked institutions for a need or for criteria given in the query, each score explained.</summary>
public static class MatchingApi
{
    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/matches", MatchPartners)
            .WithTags("Partner matching")
            .WithName("match-partners")
            .WithSummary("Ranks institutions with open offers or a profile meeting the criteria (sector, sdg, mode, country, region; each may repeat).");
        api.MapGet("/needs/{id:guid}/matches", MatchNeed)
            .WithTags("Partner matching")
            .WithName("match-need")
            .WithSummary("Ranks possible partners for a need, by its sectors, SDGs, modes and target area; the need's own institution is left out.");
        return api;
    }

    public static async Task<Results<Ok<MatchResponse>, BadRequestProblem>> MatchPartners(
        [AsParameters] MatchRequest request, PartnerMatching matching, CancellationToken cancellationToken)
    {
        var criteria = request.ToCriteria();
        return TypedResults.Ok(await MatchAsync(criteria, request.Limit, matching, cancellationToken));
    }

    public static async Task<Results<Ok<MatchResponse>, BadRequestProblem, NotFoundProblem>> MatchNeed(Guid id, int? limit, ListingService listings,
        PartnerMatching matching, CancellationToken cancellationToken)
    {
        var need = await listings.FindAsync(ListingKind.Need, id, cancellationToken);
        var criteria = new MatchCriteria(need.Sectors, need.Sdgs, need.CooperationModes, need.TargetCountries, need.TargetRegions, need.InstitutionId);
        return TypedResults.Ok(await MatchAsync(criteria, limit, matching, cancellationToken));
    }

    private static async Task<MatchResponse> MatchAsync(MatchCriteria criteria, int? limit, PartnerMatching matching, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Require(limit is null or (>= 1 and <= PartnerMatching.MaxResults), "limit", $"limit must be between 1 and {PartnerMatching.MaxResults}.")
            .Require(!criteria.IsEmpty, "criteria", "Give at least one sector, sdg, mode, country or region to match on.")
            .ThrowIfAny();
        var matches = await matching.MatchAsync(criteria, limit ?? 10, cancellationToken);
        return new MatchResponse(criteria.Sectors, criteria.Sdgs, criteria.Modes, criteria.Countries, criteria.Regions, matches);
    }
}

/// <summary>Ad-hoc criteria; values of one kind may repeat (<c>?sector=biogas&amp;sector=solar-energy</c>). At most 50 results.</summary>
public sealed record MatchRequest(string[]? Sector, int[]? Sdg, string[]? Mode, string[]? Country, string[]? Region, int? Limit)
{
    public MatchCriteria ToCriteria()
    {
        new ValidationErrors()
            .SectorList("sector", Sector)
            .SdgList("sdg", Sdg)
            .ModeList("mode", Mode)
            .CountryList("country", Country)
            .RegionList("region", Region)
            .ThrowIfAny();
        return new MatchCriteria(Sector.Canonical(Vocabularies.Sectors), [.. (Sdg ?? []).Distinct()], Mode.Canonical(Vocabularies.CooperationModes),
            Country.CanonicalCountries(), [.. (Region ?? []).Distinct()]);
    }
}

/// <summary>The criteria matched on, and the ranked partners; every score is explained by its components.</summary>
public sealed record MatchResponse(
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Regions,
    IReadOnlyList<PartnerMatch> Matches);
