using System.Data.Common;
using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CooperationPlatform.Analytics.Application;

/// <summary>
/// Every view computed from the state tables with GROUP BY, in one round trip per view (several statements, one result each).
/// </summary>
public sealed class ProjectionQueries(AnalyticsDbContext db)
{
    // A project counts for the year it started (actually, else as planned); @status is a project status here.
    private const string ProjectScope = """
        (@fromYear::int IS NULL OR p.start_year >= @fromYear) AND (@toYear::int IS NULL OR p.start_year <= @toYear)
        AND (@status::int IS NULL OR p.status = @status)
        """;

    // Events by their start year; registrations and meetings by their event's (an event not yet known is left out once a year is given).
    private const string EventYears = """
        (@fromYear::int IS NULL OR e.start_year >= @fromYear) AND (@toYear::int IS NULL OR e.start_year <= @toYear)
        """;

    private const string EventScope = EventYears + """ AND (@status::int IS NULL OR e.status = @status)""";

    // Counts by status and by modality in one scan: GROUPING(p.status) is 0 on the rows by status, 1 on those by modality.
    private static string ByStatusAndModality(string condition) => $"""
        SELECT GROUPING(p.status), p.status, p.modality, count(*) FROM projects p WHERE {ProjectScope} AND {condition}
        GROUP BY GROUPING SETS ((p.status), (p.modality)) ORDER BY 1, 2 NULLS LAST, 3 NULLS LAST
        """;

    // How many of the candidate values (@countries: every code the reference data knows, which is all the portfolio accepts; or the
    // 17 goals) some project in scope has: one probe of the array's GIN index each, stopping at the first project, instead of
    // unnesting every project's array. A country's code is among its projects' place codes, so that index serves the countries.
    private const string CountriesUsed = $"""
        SELECT count(*) FROM unnest(@countries) c WHERE EXISTS (SELECT 1 FROM projects p WHERE p.places @> ARRAY[c] AND {ProjectScope})
        """;

    private const string SdgsUsed = $"""
        SELECT count(*) FROM generate_series(1, 17) s WHERE EXISTS (SELECT 1 FROM projects p WHERE p.sdgs @> ARRAY[s] AND {ProjectScope})
        """;

    private static readonly string[] KnownCountries = [.. Countries.All.Select(c => c.Alpha3)];

    // The projects in scope as a subquery x, with set-returning functions such as unnest in the select list: that runs as one
    // ProjectSet over the scan, a quarter to half cheaper than a lateral unnest, which sets up a function scan per project.
    private static string InScope(string select, string condition) =>
        $"""(SELECT {select} FROM projects p WHERE {ProjectScope} AND {condition}) x""";

    private static string Funding(string projects, string commitments = "true") => $"""
        SELECT x.currency, sum(x.amount)
        FROM {InScope("""unnest(p.commitment_funders) AS funder, unnest(p.commitment_currencies) AS currency, unnest(p.commitment_amounts) AS amount""", projects)}
        WHERE {commitments} AND x.amount BETWEEN 0 AND {NumberValidation.MaxAmount} GROUP BY 1 ORDER BY 1
        """;

    public async Task<Overview> OverviewAsync(ViewScope scope, CancellationToken cancellationToken)
    {
        var sql = string.Join(";\n",
            $"""SELECT count(*) FROM projects p WHERE {ProjectScope}""",
            ByStatusAndModality("true"),
            CountriesUsed,
            SdgsUsed,
            $"""SELECT count(*) FILTER (WHERE i.type <> {(int)InstitutionType.Network}), count(*) FILTER (WHERE i.type = {(int)InstitutionType.Network}) FROM institutions i WHERE NOT i.archived AND i.name <> ''""",
            $"""SELECT count(*) FROM events e WHERE {EventYears}""",
            $"""SELECT count(DISTINCT r.participant_id) FROM registrations r LEFT JOIN events e ON e.id = r.event_id WHERE r.confirmed AND {EventYears}""",
            $"""SELECT count(*) FROM meetings m LEFT JOIN events e ON e.id = m.event_id WHERE {EventYears}""");
        return await QueryAsync(sql, scope, [TextArray("countries", KnownCountries)], async reader =>
        {
            var projects = await ScalarAsync(reader, cancellationToken);
            var (byStatus, byModality) = await StatusAndModalityCountsAsync(reader, cancellationToken);
            var countries = await ScalarAsync(reader, cancellationToken);
            var sdgs = await ScalarAsync(reader, cancellationToken);
            var (institutions, networks) = await PairAsync(reader, cancellationToken);
            var events = await ScalarAsync(reader, cancellationToken);
            var participants = await ScalarAsync(reader, cancellationToken);
            var meetings = await ScalarAsync(reader, cancellationToken);
            return new Overview(projects, byStatus, byModality, countries, sdgs, institutions, networks, events, participants, meetings);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SdgSummary>> SdgsAsync(ViewScope scope, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT x.s, count(*) FILTER (WHERE x.primary_sdg = x.s), count(*) FILTER (WHERE x.primary_sdg IS DISTINCT FROM x.s)
            FROM {InScope("""unnest(p.sdgs) AS s, p.primary_sdg AS primary_sdg""", "true")} GROUP BY 1
            """;
        var counts = await QueryAsync(sql, scope, [], async reader =>
        {
            var rows = new Dictionary<int, (long Primary, long Secondary)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
            return rows;
        }, cancellationToken);
        return [.. Sdgs.All.Select(g => counts.TryGetValue(g.Number, out var c)
            ? new SdgSummary(g.Number, g.Name, c.Primary, c.Secondary)
            : new SdgSummary(g.Number, g.Name, 0, 0))];
    }

    public async Task<SdgView> SdgAsync(int goal, ViewScope scope, CancellationToken cancellationToken)
    {
        const string withGoal = """p.sdgs @> ARRAY[@goal]""";
        var sql = string.Join(";\n",
            $"""SELECT count(*) FILTER (WHERE p.primary_sdg = @goal), count(*) FILTER (WHERE p.primary_sdg IS DISTINCT FROM @goal) FROM projects p WHERE {ProjectScope} AND {withGoal}""",
            ByStatusAndModality(withGoal),
            $"""SELECT DISTINCT x.c FROM {InScope("""unnest(p.countries) AS c""", withGoal)} ORDER BY 1""",
            $"""SELECT count(DISTINCT x.i) FROM {InScope("""unnest(p.partners) AS i""", withGoal)}""",
            Funding(withGoal),
            $"""SELECT x.t, count(*) FROM {InScope("""unnest(p.targets) AS t""", withGoal)} WHERE split_part(x.t, '.', 1) = @goal::text GROUP BY 1 ORDER BY 1""");
        return await QueryAsync(sql, scope, [Int("goal", goal)], async reader =>
        {
            var (primary, secondary) = await PairAsync(reader, cancellationToken);
            var (byStatus, byModality) = await StatusAndModalityCountsAsync(reader, cancellationToken);
            var countries = await RowsAsync(reader, r => r.GetString(0), cancellationToken);
            var partners = await ScalarAsync(reader, cancellationToken);
            var funding = await RowsAsync(reader, r => new Money(r.GetString(0), r.GetDecimal(1)), cancellationToken);
            var targets = await RowsAsync(reader, r => new TargetUse(r.GetString(0), r.GetInt64(1)), cancellationToken);
            return new SdgView(goal, Sdgs.All[goal - 1].Name, primary, secondary, byStatus, byModality, countries, partners, funding, targets);
        }, cancellationToken);
    }

    public async Task<PlaceView> PlaceAsync(string code, string name, IReadOnlyList<string> countries, ViewScope scope, CancellationToken cancellationToken)
    {
        var sql = string.Join(";\n",
            $"""SELECT count(*) FROM projects p WHERE {ProjectScope} AND p.places @> ARRAY[@place]""",
            """SELECT count(*) FROM institutions i WHERE NOT i.archived AND i.name <> '' AND i.country = ANY(@countries)""",
            $"""SELECT count(*) FROM events e WHERE {EventYears} AND e.venue_country = ANY(@countries)""",
            $"""SELECT count(DISTINCT r.participant_id) FROM registrations r LEFT JOIN events e ON e.id = r.event_id WHERE r.confirmed AND {EventYears} AND r.country = ANY(@countries)""");
        return await QueryAsync(sql, scope, [TextArray("countries", [.. countries]), new NpgsqlParameter("place", NpgsqlDbType.Text) { Value = code }], async reader => new PlaceView(code, name, countries.Count,
            await ScalarAsync(reader, cancellationToken), await ScalarAsync(reader, cancellationToken),
            await ScalarAsync(reader, cancellationToken), await ScalarAsync(reader, cancellationToken)), cancellationToken);
    }

    public async Task<ModalityTrend> ModalityTrendAsync(ViewScope scope, CancellationToken cancellationToken)
    {
        var sql = $"""SELECT p.start_year, p.modality, count(*) FROM projects p WHERE {ProjectScope} AND p.start_year IS NOT NULL GROUP BY 1, 2 ORDER BY 1""";
        var rows = await QueryAsync(sql, scope, [], reader => RowsAsync(reader,
            r => (Year: r.GetInt32(0), Modality: r.IsDBNull(1) ? (ProjectModality?)null : (ProjectModality)r.GetInt32(1), Count: r.GetInt64(2)),
            cancellationToken), cancellationToken);
        long Of(IEnumerable<(int Year, ProjectModality? Modality, long Count)> year, ProjectModality? modality) =>
            year.Where(r => r.Modality == modality).Sum(r => r.Count);
        return new ModalityTrend([.. rows.GroupBy(r => r.Year).Select(year => new ModalityYear(year.Key,
            Of(year, ProjectModality.SouthSouth), Of(year, ProjectModality.Triangular),
            Of(year, ProjectModality.SouthSouthWithMultilateralFacilitator), Of(year, null)))]);
    }

    /// <summary>Projects funded by <paramref name="funderId"/>.</summary>
    public Task<ReachView?> FunderAsync(Guid funderId, ViewScope scope, CancellationToken cancellationToken) =>
        ReachAsync(funderId, """p.funders @> ARRAY[@id]""", """x.funder = @id""", null, scope, cancellationToken);

    /// <summary>Projects with a member institution of <paramref name="networkId"/> as a partner, optionally only those <paramref name="funderId"/> funds.</summary>
    public Task<ReachView?> NetworkAsync(Guid networkId, Guid? funderId, ViewScope scope, CancellationToken cancellationToken) =>
        ReachAsync(networkId,
            """p.partners && (SELECT coalesce(array_agg(m.id), '{}') FROM institutions m WHERE m.network_ids @> ARRAY[@id] AND NOT m.archived) AND (@funder::uuid IS NULL OR p.funders @> ARRAY[@funder])""",
            """(@funder::uuid IS NULL OR x.funder = @funder)""",
            funderId, scope, cancellationToken);

    private async Task<ReachView?> ReachAsync(Guid id, string projects, string commitments, Guid? funderId, ViewScope scope, CancellationToken cancellationToken)
    {
        var sql = string.Join(";\n",
            """SELECT i.name, (SELECT count(*) FROM institutions m WHERE m.network_ids @> ARRAY[@id] AND NOT m.archived) FROM institutions i WHERE i.id = @id""",
            $"""SELECT count(*) FROM projects p WHERE {ProjectScope} AND {projects}""",
            $"""SELECT DISTINCT x.c FROM {InScope("""unnest(p.countries) AS c""", projects)} ORDER BY 1""",
            $"""SELECT x.s, count(*) FROM {InScope("""unnest(p.sdgs) AS s""", projects)} GROUP BY 1 ORDER BY 1""",
            Funding(projects, commitments));
        return await QueryAsync(sql, scope, [Uuid("id", id), Uuid("funder", funderId)], async reader =>
        {
            var name = await RowsAsync(reader, r => (Name: r.GetString(0), Members: r.GetInt64(1)), cancellationToken);
            var count = await ScalarAsync(reader, cancellationToken);
            var countries = await RowsAsync(reader, r => r.GetString(0), cancellationToken);
            var sdgs = await RowsAsync(reader, r => new SdgUse(r.GetInt32(0), r.GetInt64(1)), cancellationToken);
            var funding = await RowsAsync(reader, r => new Money(r.GetString(0), r.GetDecimal(1)), cancellationToken);
            return name.Count == 0 && count == 0 ? null
                : new ReachView(id, name.Count == 0 || name[0].Name.Length == 0 ? null : name[0].Name, name.Count == 0 ? 0 : name[0].Members,
                    count, countries, countries.Count, sdgs, funding);
        }, cancellationToken);
    }

    private static string FunnelSql(string condition) => $"""
        SELECT count(*), count(*) FILTER (WHERE m.stage >= 1), count(*) FILTER (WHERE m.stage = 2),
            count(*) FILTER (WHERE m.outcome IN ({(int)MeetingOutcome.Lead}, {(int)MeetingOutcome.AgreementInPreparation})),
            count(DISTINCT m.linked_project_id)
        FROM meetings m LEFT JOIN events e ON e.id = m.event_id WHERE {condition}
        """;

    private static async Task<Funnel> ReadFunnelAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        (await RowsAsync(reader, r => new Funnel(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken))[0];

    public async Task<Funnel> FunnelAsync(Guid? eventId, ViewScope scope, CancellationToken cancellationToken) =>
        await QueryAsync(FunnelSql($"""{EventScope} AND (@event::uuid IS NULL OR m.event_id = @event)"""), scope, [Uuid("event", eventId)],
            reader => ReadFunnelAsync(reader, cancellationToken), cancellationToken);

    public async Task<EventView?> EventAsync(Guid eventId, ViewScope scope, CancellationToken cancellationToken)
    {
        const string confirmed = """r.event_id = @event AND r.confirmed """;
        var sql = string.Join(";\n",
            $"""SELECT e.name, e.status, e.start_year, e.venue_city, e.venue_country FROM events e WHERE e.id = @event AND {EventScope}""",
            $"""
            SELECT count(DISTINCT r.participant_id), count(DISTINCT r.organization),
                count(DISTINCT (r.country, lower(r.city))) FILTER (WHERE r.city IS NOT NULL), count(DISTINCT r.country)
            FROM registrations r WHERE {confirmed}
            """,
            FunnelSql("""m.event_id = @event"""));
        return await QueryAsync(sql, scope, [Uuid("event", eventId)], async reader =>
        {
            var facts = await RowsAsync(reader, r => (Name: r.GetString(0), Status: (EventStatus)r.GetInt32(1), Year: r.IsDBNull(2) ? (int?)null : r.GetInt32(2),
                City: r.IsDBNull(3) ? null : r.GetString(3), Country: r.IsDBNull(4) ? null : r.GetString(4)), cancellationToken);
            var counts = await RowsAsync(reader, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken);
            var funnel = await ReadFunnelAsync(reader, cancellationToken);
            if (facts.Count == 0)
            {
                return null;
            }
            var (participants, organizations, cities, countries) = counts[0];
            var e = facts[0];
            return new EventView(eventId, e.Name, e.Status, e.Year, e.City, e.Country, participants, organizations, cities, countries, funnel);
        }, cancellationToken);
    }

    public async Task<PartnershipIndicators> PartnershipsAsync(ViewScope scope, CancellationToken cancellationToken)
    {
        var sql = string.Join(";\n",
            $"""SELECT count(*), count(*) FILTER (WHERE p.partner_count >= 3), count(*) FILTER (WHERE p.modality = {(int)ProjectModality.Triangular}) FROM projects p WHERE {ProjectScope}""",
            $"""SELECT count(*) FROM (SELECT DISTINCT ON (p.a, p.b) 1 FROM partner_pairs p WHERE {ProjectScope} ORDER BY p.a, p.b) pairs""");
        return await QueryAsync(sql, scope, [], async reader =>
        {
            var row = await RowsAsync(reader, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken);
            var pairs = await ScalarAsync(reader, cancellationToken);
            return new PartnershipIndicators(row[0].Item1, row[0].Item2, row[0].Item3, pairs);
        }, cancellationToken);
    }

    private async Task<T> QueryAsync<T>(string sql, ViewScope scope, NpgsqlParameter[] parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(Int("fromYear", scope.FromYear));
            command.Parameters.Add(Int("toYear", scope.ToYear));
            command.Parameters.Add(Int("status", scope.Status));
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reads the current result set whole and moves to the next one.</summary>
    private static async Task<List<T>> RowsAsync<T>(DbDataReader reader, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }
        await reader.NextResultAsync(cancellationToken);
        return rows;
    }

    private static async Task<long> ScalarAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        (await RowsAsync(reader, r => r.GetInt64(0), cancellationToken))[0];

    private static async Task<(long, long)> PairAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        (await RowsAsync(reader, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken))[0];

    private static async Task<(List<Count<ProjectStatus?>> ByStatus, List<Count<ProjectModality?>> ByModality)> StatusAndModalityCountsAsync(
        DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(reader, r => (ByModality: r.GetInt32(0) == 1, Status: r.IsDBNull(1) ? (ProjectStatus?)null : (ProjectStatus)r.GetInt32(1),
            Modality: r.IsDBNull(2) ? (ProjectModality?)null : (ProjectModality)r.GetInt32(2), Count: r.GetInt64(3)), cancellationToken);
        return ([.. rows.Where(r => !r.ByModality).Select(r => new Count<ProjectStatus?>(r.Status, r.Count))],
            [.. rows.Where(r => r.ByModality).Select(r => new Count<ProjectModality?>(r.Modality, r.Count))]);
    }

    private static NpgsqlParameter Int(string name, int? value) =>
        new(name, NpgsqlDbType.Integer) { Value = value is null ? DBNull.Value : value.Value };

    private static NpgsqlParameter TextArray(string name, string[] values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values };

    private static NpgsqlParameter Uuid(string name, Guid? value) =>
        new(name, NpgsqlDbType.Uuid) { Value = value is null ? DBNull.Value : value.Value };
}
