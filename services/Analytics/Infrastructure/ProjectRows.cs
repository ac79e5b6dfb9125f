using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Model;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Analytics.Infrastructure;

/// <summary>
/// Writes a project's row and its partner pairs in one statement, in the caller's transaction: the project messages are the bulk of
/// what analytics ingests, and loading, tracking and saving each row through EF Core cost more than the write itself.
/// </summary>
public static class ProjectRows
{
    // Every CTE reads the rows as they were before the statement. The row is replaced only by a newer version (or, for the rebuild,
    // the same one) AND only if it still holds the version read, so the pairs deleted and kept are the ones that row had. A concurrent
    // writer (another instance) that got in between makes the statement write nothing; the flush then fails the transaction
    // (VersionedRowWrites), and the message is retried against the new row. Pairs no longer in the project are deleted, new ones
    // inserted and kept ones updated only when the project's year or status moved. projects is named first, so it is locked before
    // partner_pairs, the order the rebuild locks them in.
    // Parameters: $1 id, $2 version, $3 title, $4 status, $5 modality, $6 start year, $7 primary SDG, $8-$16 the arrays in column
    // order, $17 whether a row of the same version is replaced.
    private const string Upsert = """
        WITH stored AS (
            SELECT version FROM projects WHERE id = $1
        ),
        applied AS (
            INSERT INTO projects (id, version, title, status, modality, start_year, primary_sdg, sdgs, targets, countries,
                places, partners, funders, commitment_funders, commitment_currencies, commitment_amounts)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, status = excluded.status,
                modality = excluded.modality, start_year = excluded.start_year, primary_sdg = excluded.primary_sdg,
                sdgs = excluded.sdgs, targets = excluded.targets, countries = excluded.countries, places = excluded.places,
                partners = excluded.partners, funders = excluded.funders, commitment_funders = excluded.commitment_funders,
                commitment_currencies = excluded.commitment_currencies, commitment_amounts = excluded.commitment_amounts
            WHERE (projects.version < excluded.version OR ($17 AND projects.version = excluded.version))
                AND projects.version = (SELECT version FROM stored)
            RETURNING id, partners, start_year, status
        ),
        pairs AS (
            SELECT applied.id AS project_id, a, b, applied.start_year AS start_year, applied.status AS status
            FROM applied, unnest(applied.partners) AS a, unnest(applied.partners) AS b
            WHERE a < b
        ),
        removed AS (
            DELETE FROM partner_pairs AS old USING applied
            WHERE old.project_id = applied.id AND NOT EXISTS (SELECT 1 FROM pairs WHERE pairs.a = old.a AND pairs.b = old.b)
        ),
        added AS (
            INSERT INTO partner_pairs (project_id, a, b, start_year, status)
            SELECT project_id, a, b, start_year, status FROM pairs
            ON CONFLICT (project_id, a, b) DO UPDATE SET start_year = excluded.start_year, status = excluded.status
            WHERE (partner_pairs.start_year, partner_pairs.status) IS DISTINCT FROM (excluded.start_year, excluded.status)
        )
        SELECT EXISTS (SELECT 1 FROM applied), (SELECT version FROM stored)
        """;

    /// <summary>
    /// Queues the write of a project's row for <see cref="FlushAsync"/>, which runs every queued write in one round trip, in order.
    /// Outside a transaction the write runs at once; inside one, it runs just before the commit (<see cref="ProjectionChangeInterceptor"/>),
    /// so a batch of messages costs one round trip for all its projects.
    /// </summary>
    public static async Task StageAsync(AnalyticsDbContext db, ProjectState project, bool replaceSameVersion, CancellationToken cancellationToken)
    {
        db.StagedProjectRows.Add(new VersionedRowWrite("Project", project.Id, project.Version, new NpgsqlBatchCommand(Upsert)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = project.Id },
                new NpgsqlParameter<long> { TypedValue = project.Version },
                new NpgsqlParameter<string> { TypedValue = project.Title },
                NullableParameter.Integer(project.Status),
                NullableParameter.Integer(project.Modality),
                NullableParameter.Integer(project.StartYear),
                NullableParameter.Integer(project.PrimarySdg),
                new NpgsqlParameter<int[]> { TypedValue = project.Sdgs },
                new NpgsqlParameter<string[]> { TypedValue = project.Targets },
                new NpgsqlParameter<string[]> { TypedValue = project.Countries },
                new NpgsqlParameter<string[]> { TypedValue = project.Places },
                new NpgsqlParameter<Guid[]> { TypedValue = project.Partners },
                new NpgsqlParameter<Guid[]> { TypedValue = project.Funders },
                new NpgsqlParameter<Guid[]> { TypedValue = project.CommitmentFunders },
                new NpgsqlParameter<string[]> { TypedValue = project.CommitmentCurrencies },
                new NpgsqlParameter<decimal[]> { TypedValue = project.CommitmentAmounts },
                new NpgsqlParameter<bool> { TypedValue = replaceSameVersion },
            },
        }));
        if (db.Database.CurrentTransaction is null)
        {
            await FlushAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the queued writes in the context's transaction and notes the projects projection as changed if any row was written.
    /// Throws <see cref="DbUpdateConcurrencyException"/> if another transaction changed one of the projects meanwhile.
    /// </summary>
    public static async Task FlushAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        if (db.StagedProjectRows.Count == 0)
        {
            return;
        }
        VersionedRowWrite[] staged = [.. db.StagedProjectRows];
        db.StagedProjectRows.Clear();
        if ((await VersionedRowWrites.ExecuteAsync(db, staged, cancellationToken)).Contains(true))
        {
            db.ChangedProjections.Add(Projection.Projects);
        }
    }
}
