using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Application;

/// <summary>What a partner is sought for: a need's fields, or criteria given ad hoc.</summary>
public sealed record MatchCriteria(
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Regions,
    Guid? SeekerId = null)
{
    public bool IsEmpty => Sectors.Count + Sdgs.Count + Modes.Count + Countries.Count + Regions.Count == 0;
    public bool HasArea => Countries.Count + Regions.Count > 0;
}

/// <summary>One criterion's share of a score: its weight, the points earned, and the values that earned them.</summary>
public sealed record ScoreComponent(string Criterion, decimal Weight, decimal Points, IReadOnlyList<string> ByOpenOffers,
    IReadOnlyList<string> ByProfile, string Explanation);

public sealed record MatchedOffer(Guid Id, string Title);

public sealed record TrackRecordSummary(int Projects, int RelevantProjects);

public sealed record PartnerMatch(
    int Rank,
    Guid InstitutionId,
    string Name,
    string? Acronym,
    InstitutionType Type,
    string? Country,
    decimal Score,
    IReadOnlyList<ScoreComponent> Components,
    IReadOnlyList<MatchedOffer> Offers,
    TrackRecordSummary TrackRecord);

/// <summary>
/// Ranks institutions for <see cref="MatchCriteria"/> with a score from 0 to 100 that explains itself. Each criterion given weighs
/// its <see cref="Weights"/>; the track record always counts. A value met by an open offer earns full points, one met only by
/// the institution's declared profile (its sectors, SDGs, seat or operating area) earns half. The track record earns points for
/// each relevant portfolio project (sharing a sector, SDG, country or region; not pipeline or cancelled), up to
/// <see cref="TrackRecordCap"/>. Score = 100 × points ÷ weight of the criteria given, rounded to 0.1; ties go to the smaller id,
/// so the same data always gives the same ranking. Candidates are institutions that are not archived or closed, with an open
/// offer or a profile meeting at least one criterion.
/// </summary>
public sealed class PartnerMatching(DirectoryDbContext db)
{
    public static class Weights
    {
        public const decimal Sectors = 35;
        public const decimal Sdgs = 20;
        public const decimal Modes = 15;
        public const decimal Area = 15;
        public const decimal TrackRecord = 15;
    }

    public const int TrackRecordCap = 5;
    public const decimal ProfileShare = 0.5m;
    public const int MaxResults = 50;
    public const int OffersShown = 3;

    public async Task<IReadOnlyList<PartnerMatch>> MatchAsync(MatchCriteria criteria, int limit, CancellationToken cancellationToken)
    {
        var area = AreaOf(criteria);
        var possible = Weights.TrackRecord
            + (criteria.Sectors.Count > 0 ? Weights.Sectors : 0)
            + (criteria.Sdgs.Count > 0 ? Weights.Sdgs : 0)
            + (criteria.Modes.Count > 0 ? Weights.Modes : 0)
            + (criteria.HasArea ? Weights.Area : 0);

        // Each of these is the placeholder (@p0, @p1, ...) of a query parameter, named for the value it carries.
        var parameters = new SqlParameters();
        var (sectorsSought, sdgsSought, modesSought, areaCountries, areaRegions) = (parameters.Add(criteria.Sectors.ToArray()),
            parameters.Add(criteria.Sdgs.ToArray()), parameters.Add(criteria.Modes.ToArray()), parameters.Add(area.Countries.ToArray()),
            parameters.Add(area.Regions.ToArray()));
        var (sectorCount, sdgCount, modeCount, hasArea) = (parameters.Add(criteria.Sectors.Count), parameters.Add(criteria.Sdgs.Count),
            parameters.Add(criteria.Modes.Count), parameters.Add(criteria.HasArea));
        var (sectorWeight, sdgWeight, modeWeight, areaWeight, trackWeight) = (parameters.Add(Weights.Sectors), parameters.Add(Weights.Sdgs),
            parameters.Add(Weights.Modes), parameters.Add(Weights.Area), parameters.Add(Weights.TrackRecord));
        var (profileShare, trackCap, seekerId, take) = (parameters.Add(ProfileShare), parameters.Add(TrackRecordCap),
            parameters.Add(criteria.SeekerId ?? Guid.Empty), parameters.Add(limit));

        // Exact points are computed only for institutions that can still reach the top. From the array overlaps alone (cheap, and
        // exact for one-value criteria) each institution gets bounds on its points: an overlap is worth at least one value's share
        // and at most the full weight; its track record is worth at most the weight times its counted projects up to the cap (the
        // count kept per institution with every project message). The limit-th best lower bound is a floor for the limit-th best
        // exact score, so an institution whose upper bounds stay below it cannot be ranked; the others are scored exactly, and their
        // relevant projects are counted only for those whose points and track-record bound can still reach the limit-th best.
        // The ranking is the same as scoring every candidate fully.
        var sql = $"""
            WITH overlapping AS MATERIALIZED (
                -- Materialized so that each overlap is computed once per institution, not again in a filter on it.
                SELECT i.id,
                    i.offer_sectors && {sectorsSought} AS sector_offered, i.sectors && {sectorsSought} AS sector_profile,
                    i.offer_sdgs && {sdgsSought} AS sdg_offered, i.sdgs && {sdgsSought} AS sdg_profile,
                    i.offer_modes && {modesSought} AS mode_offered,
                    COALESCE(i.offer_countries && {areaCountries} OR i.offer_regions && {areaRegions}, false) AS area_offered,
                    COALESCE(i.country = ANY({areaCountries}) OR i.operating_countries && {areaCountries}
                        OR i.operating_regions && {areaRegions}, false) AS area_profile
                FROM institutions AS i
                WHERE i.archived_at IS NULL AND i.status <> 'Closed' AND i.id <> {seekerId}
            ), bounds AS (
                SELECT o.id,
                    CASE WHEN {sectorCount} = 0 THEN 0 WHEN sector_offered THEN {sectorWeight} / {sectorCount}
                        WHEN sector_profile THEN {sectorWeight} * {profileShare} / {sectorCount} ELSE 0 END
                    + CASE WHEN {sdgCount} = 0 THEN 0 WHEN sdg_offered THEN {sdgWeight} / {sdgCount}
                        WHEN sdg_profile THEN {sdgWeight} * {profileShare} / {sdgCount} ELSE 0 END
                    + CASE WHEN {modeCount} = 0 THEN 0 WHEN mode_offered THEN {modeWeight} / {modeCount} ELSE 0 END
                    + CASE WHEN NOT {hasArea} THEN 0 WHEN area_offered THEN {areaWeight}
                        WHEN area_profile THEN {areaWeight} * {profileShare} ELSE 0 END AS lower_points,
                    CASE WHEN {sectorCount} = 0 THEN 0 WHEN sector_offered THEN {sectorWeight}
                        WHEN sector_profile THEN {sectorWeight} * {profileShare} ELSE 0 END
                    + CASE WHEN {sdgCount} = 0 THEN 0 WHEN sdg_offered THEN {sdgWeight} WHEN sdg_profile THEN {sdgWeight} * {profileShare} ELSE 0 END
                    + CASE WHEN {modeCount} = 0 THEN 0 WHEN mode_offered THEN {modeWeight} ELSE 0 END
                    + CASE WHEN NOT {hasArea} THEN 0 WHEN area_offered THEN {areaWeight}
                        WHEN area_profile THEN {areaWeight} * {profileShare} ELSE 0 END AS upper_points,
                    {trackWeight} * least(COALESCE(tc.counted_projects, 0), {trackCap}) / {trackCap} AS track_upper
                FROM overlapping AS o LEFT JOIN institution_track_counts AS tc ON tc.institution_id = o.id
                WHERE sector_offered OR sector_profile OR sdg_offered OR sdg_profile OR mode_offered OR area_offered
            ), reachable AS (
                -- Less a little for the rounding of each exact component to two decimals.
                SELECT b.id, b.track_upper FROM bounds AS b
                WHERE b.upper_points + b.track_upper + 0.05
                    >= COALESCE((SELECT lower_points FROM bounds ORDER BY lower_points DESC OFFSET {take} - 1 LIMIT 1), 0)
            ), candidates AS (
                SELECT i.id, i.name, i.acronym, i.type, i.country, r.track_upper,
                    ARRAY(SELECT x FROM unnest({sectorsSought}::text[]) AS x WHERE x = ANY(i.offer_sectors) ORDER BY x) AS sectors_offered,
                    ARRAY(SELECT x FROM unnest({sectorsSought}::text[]) AS x
                        WHERE x = ANY(i.sectors) AND NOT x = ANY(i.offer_sectors) ORDER BY x) AS sectors_profile,
                    ARRAY(SELECT x FROM unnest({sdgsSought}::int[]) AS x WHERE x = ANY(i.offer_sdgs) ORDER BY x) AS sdgs_offered,
                    ARRAY(SELECT x FROM unnest({sdgsSought}::int[]) AS x
                        WHERE x = ANY(i.sdgs) AND NOT x = ANY(i.offer_sdgs) ORDER BY x) AS sdgs_profile,
                    ARRAY(SELECT x FROM unnest({modesSought}::text[]) AS x WHERE x = ANY(i.offer_modes) ORDER BY x) AS modes_offered,
                    COALESCE(i.offer_countries && {areaCountries} OR i.offer_regions && {areaRegions}, false) AS area_offered,
                    COALESCE(i.country = ANY({areaCountries}) OR i.operating_countries && {areaCountries}
                        OR i.operating_regions && {areaRegions}, false) AS area_profile
                -- Looked up by primary key: a few hundred of the institutions at most, where a join would read them all again.
                FROM institutions AS i JOIN reachable AS r ON r.id = i.id
                WHERE i.id = ANY(ARRAY(SELECT id FROM reachable))
            ), pointed AS (
                SELECT c.*,
                    CASE WHEN {sectorCount} = 0 THEN 0
                        ELSE round({sectorWeight} * (cardinality(sectors_offered) + {profileShare} * cardinality(sectors_profile)) / {sectorCount}, 2)
                        END AS sector_points,
                    CASE WHEN {sdgCount} = 0 THEN 0
                        ELSE round({sdgWeight} * (cardinality(sdgs_offered) + {profileShare} * cardinality(sdgs_profile)) / {sdgCount}, 2)
                        END AS sdg_points,
                    CASE WHEN {modeCount} = 0 THEN 0 ELSE round({modeWeight} * cardinality(modes_offered) / {modeCount}, 2) END AS mode_points,
                    CASE WHEN NOT {hasArea} THEN 0 WHEN area_offered THEN {areaWeight}
                        WHEN area_profile THEN round({areaWeight} * {profileShare}, 2) ELSE 0 END AS area_points
                FROM candidates AS c
            ), based AS (
                SELECT *, sector_points + sdg_points + mode_points + area_points AS base_points FROM pointed
            ), shortlist AS (
                SELECT * FROM based
                WHERE base_points + track_upper + 0.05
                    >= COALESCE((SELECT base_points FROM based ORDER BY base_points DESC OFFSET {take} - 1 LIMIT 1), 0)
            )
            SELECT sl.id, sl.name, sl.acronym, sl.type, sl.country,
                sl.sectors_offered, sl.sectors_profile, sl.sdgs_offered, sl.sdgs_profile, sl.modes_offered, sl.area_offered, sl.area_profile,
                sl.sector_points, sl.sdg_points, sl.mode_points, sl.area_points,
                t.total::int, t.relevant::int, round({trackWeight} * least(t.relevant, {trackCap}) / {trackCap}, 2) AS track_points
            FROM shortlist AS sl
            CROSS JOIN LATERAL (
                SELECT count(*) AS total,
                    count(*) FILTER (WHERE pr.sectors && {sectorsSought} OR pr.sdgs && {sdgsSought}
                        OR pr.countries && {areaCountries} OR pr.regions && {areaRegions}) AS relevant
                FROM project_partners AS pp JOIN portfolio_projects AS pr ON pr.id = pp.project_id
                WHERE pp.institution_id = sl.id AND pr.counts_for_track_record) AS t
            ORDER BY sl.base_points + round({trackWeight} * least(t.relevant, {trackCap}) / {trackCap}, 2) DESC, sl.id
            LIMIT {take};
            """;

        var rows = await parameters.QueryAsync(db, sql, async reader =>
        {
            var matches = new List<MatchRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                matches.Add(new MatchRow(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    Enum.Parse<InstitutionType>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetFieldValue<string[]>(5), reader.GetFieldValue<string[]>(6), reader.GetFieldValue<int[]>(7), reader.GetFieldValue<int[]>(8),
                    reader.GetFieldValue<string[]>(9), reader.GetBoolean(10), reader.GetBoolean(11),
                    reader.GetDecimal(12), reader.GetDecimal(13), reader.GetDecimal(14), reader.GetDecimal(15),
                    reader.GetInt32(16), reader.GetInt32(17), reader.GetDecimal(18)));
            }
            return matches;
        }, cancellationToken);

        var offers = await MatchingOffersAsync(criteria, area, [.. rows.Select(r => r.Id)], cancellationToken);
        return [.. rows.Select((row, index) => row.ToMatch(index + 1, criteria, possible, offers.GetValueOrDefault(row.Id) ?? []))];
    }

    private async Task<Dictionary<Guid, List<MatchedOffer>>> MatchingOffersAsync(MatchCriteria criteria, Area area, Guid[] institutionIds,
        CancellationToken cancellationToken)
    {
        var (sectors, sdgs, modes, countries, regions) = (criteria.Sectors.ToList(), criteria.Sdgs.ToList(), criteria.Modes.ToList(),
            area.Countries.ToList(), area.Regions.ToList());
        var offers = await db.Listings
            .Where(l => institutionIds.Contains(l.InstitutionId) && l.Kind == ListingKind.Offer && l.Status == ListingStatus.Open && l.ArchivedAt == null)
            .Where(l => l.Sectors.Any(x => sectors.Contains(x)) || l.Sdgs.Any(x => sdgs.Contains(x)) || l.CooperationModes.Any(x => modes.Contains(x))
                || l.TargetCountries.Any(x => countries.Contains(x)) || l.TargetRegions.Any(x => regions.Contains(x)))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.InstitutionId, l.Id, l.Title })
            .ToListAsync(cancellationToken);
        return offers.GroupBy(o => o.InstitutionId)
            .ToDictionary(g => g.Key, g => g.Take(OffersShown).Select(o => new MatchedOffer(o.Id, o.Title)).ToList());
    }

    /// <summary>
    /// The countries of the area sought, and the region codes an offer or an operating area may name to reach it: the regions
    /// containing a country sought, and a region sought with the regions above and below it.
    /// </summary>
    private static Area AreaOf(MatchCriteria criteria)
    {
        var countries = new HashSet<string>(criteria.Countries, StringComparer.Ordinal);
        var regions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in criteria.Countries)
        {
            if (Contracts.Reference.Countries.TryGet(code, out var country))
            {
                regions.UnionWith(new[] { Contracts.Reference.Regions.WorldCode, country.RegionCode, country.SubRegionCode, country.IntermediateRegionCode }
                    .OfType<string>().Where(r => r.Length > 0));
            }
        }
        foreach (var code in criteria.Regions)
        {
            countries.UnionWith(Contracts.Reference.Regions.CountriesIn(code).Select(c => c.Alpha3));
            regions.UnionWith(Contracts.Reference.Regions.All.Where(r => IsWithin(r.Code, code) || IsWithin(code, r.Code)).Select(r => r.Code));
        }
        return new Area([.. countries.Order(StringComparer.Ordinal)], [.. regions.Order(StringComparer.Ordinal)]);
    }

    private static bool IsWithin(string code, string ancestor)
    {
        for (var current = code; ; )
        {
            if (current == ancestor)
            {
                return true;
            }
            if (!Contracts.Reference.Regions.TryGet(current, out var region) || region.ParentCode is null)
            {
                return false;
            }
            current = region.ParentCode;
        }
    }

    private sealed record Area(IReadOnlyList<string> Countries, IReadOnlyList<string> Regions);

    private sealed record MatchRow(
        Guid Id, string Name, string? Acronym, InstitutionType Type, string? Country,
        string[] SectorsOffered, string[] SectorsProfile, int[] SdgsOffered, int[] SdgsProfile, string[] ModesOffered, bool AreaOffered, bool AreaProfile,
        decimal SectorPoints, decimal SdgPoints, decimal ModePoints, decimal AreaPoints, int Projects, int RelevantProjects, decimal TrackPoints)
    {
        public PartnerMatch ToMatch(int rank, MatchCriteria criteria, decimal possible, IReadOnlyList<MatchedOffer> offers)
        {
            var components = new List<ScoreComponent>();
            if (criteria.Sectors.Count > 0)
            {
                components.Add(new ScoreComponent("sectors", Weights.Sectors, SectorPoints, SectorsOffered, SectorsProfile,
                    Describe("sectors", SectorsOffered.Length, SectorsProfile.Length, criteria.Sectors.Count)));
            }
            if (criteria.Sdgs.Count > 0)
            {
                components.Add(new ScoreComponent("sdgs", Weights.Sdgs, SdgPoints, [.. SdgsOffered.Select(Code)], [.. SdgsProfile.Select(Code)],
                    Describe("SDGs", SdgsOffered.Length, SdgsProfile.Length, criteria.Sdgs.Count)));
            }
            if (criteria.Modes.Count > 0)
            {
                components.Add(new ScoreComponent("modes", Weights.Modes, ModePoints, ModesOffered, [],
                    $"{ModesOffered.Length} of {criteria.Modes.Count} cooperation modes offered in open offers."));
            }
            if (criteria.HasArea)
            {
                components.Add(new ScoreComponent("area", Weights.Area, AreaPoints, AreaOffered ? ["open offer targets the area"] : [],
                    !AreaOffered && AreaProfile ? ["based or operating in the area"] : [],
                    AreaOffered ? "An open offer targets the area sought (full points)."
                    : AreaProfile ? "Based or operating in the area sought, with no open offer for it (half points)."
                    : "Neither offers to nor works in the area sought."));
            }
            components.Add(new ScoreComponent("trackRecord", Weights.TrackRecord, TrackPoints, [], [],
                $"{RelevantProjects} relevant of {Projects} portfolio projects; each relevant one earns {Weights.TrackRecord / TrackRecordCap:0.##} points, up to {TrackRecordCap}."));
            var score = Math.Round(100 * (SectorPoints + SdgPoints + ModePoints + AreaPoints + TrackPoints) / possible, 1, MidpointRounding.AwayFromZero);
            return new PartnerMatch(rank, Id, Name, Acronym, Type, Country, score, components, offers, new TrackRecordSummary(Projects, RelevantProjects));
        }

        private static string Code(int goal) => goal.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Describe(string what, int offered, int profile, int asked) =>
            $"{offered} of {asked} {what} met by open offers (full points), {profile} more by the declared profile only (half points).";
    }
}
