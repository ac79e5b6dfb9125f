using System.Data.Common;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Application;

/// <summary>
/// What a search asks for. Values of one dimension are alternatives (any of them); dimensions combine (all of them).
/// Country, region and grouping filter on the institution's seat.
/// </summary>
public sealed record InstitutionFilter
{
    public TextQuery? Text { get; init; }

    /// <summary>Each set narrows the seat country: the countries asked for, those of the regions asked for, those of the groupings.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CountrySets { get; init; } = [];

    public IReadOnlyList<InstitutionType> Types { get; init; } = [];
    public IReadOnlyList<InstitutionStatus> Statuses { get; init; } = [];
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<int> Sdgs { get; init; } = [];
    public IReadOnlyList<Guid> Networks { get; init; } = [];
    public IReadOnlyList<PartnerRole> Roles { get; init; } = [];
    public bool IncludeArchived { get; init; }
}

public sealed record FacetCount(string Value, string? Label, long Count);

/// <summary>How many of the matching institutions have each value; regions and groupings are folded from the seat countries.</summary>
public sealed record InstitutionFacets(
    IReadOnlyList<FacetCount> Types,
    IReadOnlyList<FacetCount> Statuses,
    IReadOnlyList<FacetCount> Countries,
    IReadOnlyList<FacetCount> Regions,
    IReadOnlyList<FacetCount> Groupings,
    IReadOnlyList<FacetCount> Sectors,
    IReadOnlyList<FacetCount> Sdgs,
    IReadOnlyList<FacetCount> Roles,
    IReadOnlyList<FacetCount> Networks);

/// <summary>What a search result or a list shows of an institution.</summary>
public sealed record InstitutionSummary(
    Guid Id,
    string Name,
    string? Acronym,
    InstitutionType Type,
    InstitutionStatus Status,
    string? Country,
    string? City,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<PartnerRole> Roles,
    IReadOnlyList<Guid> NetworkIds,
    int OpenOffers,
    bool Archived);

public sealed record InstitutionSearchResult(long Count, IReadOnlyList<InstitutionSummary> Items, InstitutionFacets Facets);

/// <summary>
/// Full-text search with filters, facet counts and stable paging, in one round trip of two statements: the page
/// (ordered by rank, then folded name, then id) and the total with every facet over the same filtered set.
/// </summary>
public sealed class InstitutionSearch(DirectoryDbContext db)
{
    /// <summary>The networks facet lists the networks with the most matching members, at most this many.</summary>
    public const int MaxNetworkFacetValues = 50;

    public async Task<InstitutionSearchResult> SearchAsync(InstitutionFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var where = Where(filter, parameters);
        var rank = "0::real";
        if (filter.Text is { } text)
        {
            var exact = parameters.Add(text.Folded);
            rank = (text.FullText is null ? "0" : $"ts_rank_cd(search_vector, to_tsquery('simple', {parameters.Add(text.FullText)}))")
                + $" + CASE WHEN name_key = {exact} OR lower(acronym) = {exact} THEN 1 ELSE 0 END";
        }
        var sql = $"""
            SELECT id, name, acronym, type, status, country, city, sectors, sdgs, roles, network_ids, open_offers, archived_at IS NOT NULL
            FROM institutions
            WHERE {where}
            ORDER BY {rank} DESC, name_key, id
            OFFSET {parameters.Add(page.Skip)} LIMIT {parameters.Add(page.PageSize)};

            WITH m AS MATERIALIZED (
                SELECT type, status, country, sectors, sdgs, roles, network_ids FROM institutions WHERE {where})
            SELECT 'total', NULL, NULL, count(*) FROM m
            UNION ALL SELECT 'type', type, NULL, count(*) FROM m GROUP BY type
            UNION ALL SELECT 'status', status, NULL, count(*) FROM m GROUP BY status
            UNION ALL SELECT 'country', country, NULL, count(*) FROM m WHERE country IS NOT NULL GROUP BY country
            UNION ALL SELECT 'sector', s, NULL, count(*) FROM m, unnest(m.sectors) AS s GROUP BY s
            UNION ALL SELECT 'sdg', g::text, NULL, count(*) FROM m, unnest(m.sdgs) AS g GROUP BY g
            UNION ALL SELECT 'role', r::text, NULL, count(*) FROM m, unnest(m.roles) AS r GROUP BY r
            UNION ALL SELECT 'network', f.n::text, i.name, f.c FROM (
                SELECT n, count(*) AS c FROM m, unnest(m.network_ids) AS n GROUP BY n ORDER BY c DESC, n LIMIT {MaxNetworkFacetValues}) AS f
                JOIN institutions AS i ON i.id = f.n;
            """;

        return await parameters.QueryAsync(db, sql, async reader =>
        {
            var items = new List<InstitutionSummary>(page.PageSize);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadHit(reader));
            }
            await reader.NextResultAsync(cancellationToken);
            var facets = new List<(string Facet, string Value, string? Label, long Count)>();
            long total = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var facet = reader.GetString(0);
                if (facet == "total")
                {
                    total = reader.GetInt64(3);
                }
                else
                {
                    facets.Add((facet, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
                }
            }
            return new InstitutionSearchResult(total, items, BuildFacets(facets));
        }, cancellationToken);
    }

    private static string Where(InstitutionFilter filter, SqlParameters parameters)
    {
        var conditions = new List<string>();
        if (!filter.IncludeArchived)
        {
            conditions.Add("archived_at IS NULL");
        }
        if (filter.Text is { } text)
        {
            var matches = new List<string>();
            if (text.FullText is not null)
            {
                matches.Add($"search_vector @@ to_tsquery('simple', {parameters.Add(text.FullText)})");
            }
            if (text.Substring is not null)
            {
                matches.Add($"search_text LIKE {parameters.Add(text.Substring)}");
            }
            conditions.Add("(" + string.Join(" OR ", matches) + ")");
        }
        foreach (var countries in filter.CountrySets)
        {
            conditions.Add($"country = ANY({parameters.Add(countries.ToArray())})");
        }
        if (filter.Types.Count > 0)
        {
            conditions.Add($"type = ANY({parameters.Add(filter.Types.Select(t => t.ToString()).ToArray())})");
        }
        if (filter.Statuses.Count > 0)
        {
            conditions.Add($"status = ANY({parameters.Add(filter.Statuses.Select(s => s.ToString()).ToArray())})");
        }
        if (filter.Sectors.Count > 0)
        {
            conditions.Add($"sectors && {parameters.Add(filter.Sectors.ToArray())}");
        }
        if (filter.Sdgs.Count > 0)
        {
            conditions.Add($"sdgs && {parameters.Add(filter.Sdgs.ToArray())}");
        }
        if (filter.Networks.Count > 0)
        {
            conditions.Add($"network_ids && {parameters.Add(filter.Networks.ToArray())}");
        }
        if (filter.Roles.Count > 0)
        {
            conditions.Add($"roles && {parameters.Add(filter.Roles.Select(r => (int)r).ToArray())}");
        }
        return conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions);
    }

    private static InstitutionSummary ReadHit(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        Enum.Parse<InstitutionType>(reader.GetString(3)),
        Enum.Parse<InstitutionStatus>(reader.GetString(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetFieldValue<string[]>(7),
        reader.GetFieldValue<int[]>(8),
        [.. reader.GetFieldValue<int[]>(9).Select(r => (PartnerRole)r)],
        reader.GetFieldValue<Guid[]>(10),
        reader.GetInt32(11),
        reader.GetBoolean(12));

    private static InstitutionFacets BuildFacets(List<(string Facet, string Value, string? Label, long Count)> rows)
    {
        IReadOnlyList<FacetCount> Of(string facet, Func<string, (string Value, string? Label)> describe) =>
        [
            .. rows.Where(r => r.Facet == facet)
                .Select(r => (Described: describe(r.Value), r.Count, r.Label))
                .Select(r => new FacetCount(r.Described.Value, r.Label ?? r.Described.Label, r.Count))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal),
        ];

        var countries = rows.Where(r => r.Facet == "country").Select(r => (Country: r.Value, r.Count)).ToList();
        return new InstitutionFacets(
            Of("type", v => (EnumCodes<InstitutionType>.ToCode(Enum.Parse<InstitutionType>(v)), null)),
            Of("status", v => (EnumCodes<InstitutionStatus>.ToCode(Enum.Parse<InstitutionStatus>(v)), null)),
            Of("country", v => (v, Countries.TryGet(v, out var country) ? country.Name : null)),
            RegionCounts(countries),
            GroupingCounts(countries),
            Of("sector", v => (v, Vocabularies.Sectors.TryGet(v, out var term) ? term.Label : null)),
            Of("sdg", v => (v, Sdgs.TryGet(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture), out var goal) ? goal.Name : null)),
            Of("role", v => (EnumCodes<PartnerRole>.ToCode((PartnerRole)int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)), null)),
            Of("network", v => (v, null)));
    }

    private static IReadOnlyList<FacetCount> RegionCounts(IEnumerable<(string Country, long Count)> countries) =>
    [
        .. countries
            .SelectMany(c => Countries.TryGet(c.Country, out var country)
                ? new[] { country.RegionCode, country.SubRegionCode, country.IntermediateRegionCode }
                    .Where(code => !string.IsNullOrEmpty(code)).Select(code => (Code: code!, c.Count))
                : [])
            .GroupBy(r => r.Code, r => r.Count)
            .Select(g => new FacetCount(g.Key, Regions.TryGet(g.Key, out var region) ? region.Name : null, g.Sum()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal),
    ];

    private static IReadOnlyList<FacetCount> GroupingCounts(IEnumerable<(string Country, long Count)> countries) =>
    [
        .. countries
            .SelectMany(c => Countries.TryGet(c.Country, out var country)
                ? new (bool Member, CountryGrouping Grouping)[] { (country.IsLdc, CountryGrouping.Ldc), (country.IsLldc, CountryGrouping.Lldc), (country.IsSids, CountryGrouping.Sids) }
                    .Where(g => g.Member).Select(g => (g.Grouping, c.Count))
                : [])
            .GroupBy(g => g.Grouping, g => g.Count)
            .Select(g => new FacetCount(g.Key.ToCode(), g.Key.ToString().ToUpperInvariant(), g.Sum()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal),
    ];
}
