using CooperationPlatform.Directory.Model;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Directory.Infrastructure;

/// <summary>
/// Writes the directory's copy of a portfolio project, its partners and the partners' track counts in one statement, in the
/// caller's transaction: the project messages come in bulk, and a load, a tracked save and a counts upsert cost three round trips each.
/// </summary>
public static class PortfolioProjectRows
{
    // Every CTE reads the rows as they were before the statement: the stored version, whether the project counted and its partners.
    // The row is replaced only if the message is newer AND the row still holds the version read, so the counts move by exactly the
    // difference between what was read and what is written. A concurrent writer (another instance) that got in between makes the
    // statement write nothing; the caller then fails, and the message is retried against the new row.
    // Counts are written in institution order, so two such transactions lock them in the same order.
    private const string Apply = """
        WITH stored AS (
            SELECT version, counts_for_track_record FROM portfolio_projects WHERE id = $1
        ),
        applied AS (
            INSERT INTO portfolio_projects (id, version, title, status, modality, start_year, sectors, sdgs, countries, regions,
                counts_for_track_record, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, status = excluded.status,
                modality = excluded.modality, start_year = excluded.start_year, sectors = excluded.sectors, sdgs = excluded.sdgs,
                countries = excluded.countries, regions = excluded.regions, counts_for_track_record = excluded.counts_for_track_record,
                updated_at = excluded.updated_at
            WHERE portfolio_projects.version < excluded.version AND portfolio_projects.version = (SELECT version FROM stored)
            RETURNING id
        ),
        partners AS (
            SELECT partner.institution_id, partner.roles::integer[] AS roles FROM unnest($13::uuid[], $14::text[]) AS partner(institution_id, roles)
        ),
        removed_partners AS (
            DELETE FROM project_partners AS old USING applied WHERE old.project_id = applied.id AND old.institution_id <> ALL ($13)
        ),
        written_partners AS (
            INSERT INTO project_partners (project_id, institution_id, roles)
            SELECT applied.id, partners.institution_id, partners.roles FROM applied, partners
            ON CONFLICT (project_id, institution_id) DO UPDATE SET roles = excluded.roles WHERE project_partners.roles <> excluded.roles
        ),
        counted_before AS (
            SELECT institution_id FROM project_partners WHERE project_id = $1 AND (SELECT counts_for_track_record FROM stored)
        ),
        counted_after AS (
            SELECT institution_id FROM partners WHERE $11
        ),
        recounted AS (
            INSERT INTO institution_track_counts (institution_id, counted_projects)
            SELECT institution_id, delta FROM (
                SELECT institution_id, 1 AS delta FROM counted_after WHERE institution_id NOT IN (SELECT institution_id FROM counted_before)
                UNION ALL
                SELECT institution_id, -1 FROM counted_before WHERE institution_id NOT IN (SELECT institution_id FROM counted_after)
            ) AS change
            WHERE EXISTS (SELECT 1 FROM applied)
            ORDER BY institution_id
            ON CONFLICT (institution_id) DO UPDATE SET counted_projects = institution_track_counts.counted_projects + excluded.counted_projects
        )
        SELECT EXISTS (SELECT 1 FROM applied), (SELECT version FROM stored)
        """;

    /// <summary>
    /// Applies <paramref name="project"/> if it is newer than the stored copy; returns false for a stale one. Throws
    /// <see cref="DbUpdateConcurrencyException"/> when another transaction changed the project between the read and the write.
    /// </summary>
    public static async Task<bool> ApplyAsync(DirectoryDbContext db, PortfolioProject project, CancellationToken cancellationToken)
    {
        var write = new VersionedRowWrite("Portfolio project", project.Id, project.Version, new NpgsqlBatchCommand(Apply)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = project.Id },
                new NpgsqlParameter<long> { TypedValue = project.Version },
                new NpgsqlParameter<string> { TypedValue = project.Title },
                NullableParameter.Text(project.Status?.ToString()),
                NullableParameter.Text(project.Modality?.ToString()),
                NullableParameter.Integer(project.StartYear),
                new NpgsqlParameter<string[]> { TypedValue = [.. project.Sectors] },
                new NpgsqlParameter<int[]> { TypedValue = [.. project.Sdgs] },
                new NpgsqlParameter<string[]> { TypedValue = [.. project.Countries] },
                new NpgsqlParameter<string[]> { TypedValue = [.. project.Regions] },
                new NpgsqlParameter<bool> { TypedValue = project.CountsForTrackRecord },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = project.UpdatedAt },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. project.Partners.Select(p => p.InstitutionId)] },
                // One array literal per partner: PostgreSQL has no arrays of arrays of different lengths.
                new NpgsqlParameter<string[]> { TypedValue = [.. project.Partners.Select(p => "{" + string.Join(',', p.Roles.Select(r => (int)r)) + "}")] },
            },
        });
        return (await VersionedRowWrites.ExecuteAsync(db, [write], cancellationToken))[0];
    }
}
