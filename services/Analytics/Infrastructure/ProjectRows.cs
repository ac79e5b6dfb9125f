using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
    // writer (another instance) that got in between makes the statement write nothing; FlushAsync then fails the transaction, and the
    // message is retried against the new row. Pairs no longer in the project are deleted, new ones inserted and kept ones updated
    // only when the project's year or status moved. projects is named first, so it is locked before partner_pairs, the order the
    // rebuild locks them in.
    // Parameters: $1 id, $2 version, $3 title, $4 status, $5 modality, $6 start year, $7 primary SDG, $8-$16 the arrays in column
    // order, $17 whether a row of the same version is replaced.
    private const string Upsert = """
        WITH stored AS (
            SELECT "Version" FROM projects WHERE "Id" = $1
        ),
        applied AS (
            INSERT INTO projects ("Id", "Version", "Title", "Status", "Modality", "StartYear", "PrimarySdg", "Sdgs", "Targets", "Countries",
                "Places", "Partners", "Funders", "CommitmentFunders", "CommitmentCurrencies", "CommitmentAmounts")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT ("Id") DO UPDATE SET "Version" = excluded."Version", "Title" = excluded."Title", "Status" = excluded."Status",
                "Modality" = excluded."Modality", "StartYear" = excluded."StartYear", "PrimarySdg" = excluded."PrimarySdg",
                "Sdgs" = excluded."Sdgs", "Targets" = excluded."Targets", "Countries" = excluded."Countries", "Places" = excluded."Places",
                "Partners" = excluded."Partners", "Funders" = excluded."Funders", "CommitmentFunders" = excluded."CommitmentFunders",
                "CommitmentCurrencies" = excluded."CommitmentCurrencies", "CommitmentAmounts" = excluded."CommitmentAmounts"
            WHERE (projects."Version" < excluded."Version" OR ($17 AND projects."Version" = excluded."Version"))
                AND projects."Version" = (SELECT "Version" FROM stored)
            RETURNING "Id", "Partners", "StartYear", "Status"
        ),
        pairs AS (
            SELECT applied."Id" AS project_id, a, b, applied."StartYear" AS start_year, applied."Status" AS status
            FROM applied, unnest(applied."Partners") AS a, unnest(applied."Partners") AS b
            WHERE a < b
        ),
        removed AS (
            DELETE FROM partner_pairs AS old USING applied
            WHERE old."ProjectId" = applied."Id" AND NOT EXISTS (SELECT 1 FROM pairs WHERE pairs.a = old."A" AND pairs.b = old."B")
        ),
        added AS (
            INSERT INTO partner_pairs ("ProjectId", "A", "B", "StartYear", "Status")
            SELECT project_id, a, b, start_year, status FROM pairs
            ON CONFLICT ("ProjectId", "A", "B") DO UPDATE SET "StartYear" = excluded."StartYear", "Status" = excluded."Status"
            WHERE (partner_pairs."StartYear", partner_pairs."Status") IS DISTINCT FROM (excluded."StartYear", excluded."Status")
        )
        SELECT EXISTS (SELECT 1 FROM applied), (SELECT "Version" FROM stored)
        """;

    /// <summary>
    /// Queues the write of a project's row for <see cref="FlushAsync"/>, which runs every queued write in one round trip, in order.
    /// Outside a transaction the write runs at once; inside one, it runs just before the commit (<see cref="ProjectionChangeInterceptor"/>),
    /// so a batch of messages costs one round trip for all its projects.
    /// </summary>
    public static async Task StageAsync(AnalyticsDbContext db, ProjectState project, bool replaceSameVersion, CancellationToken cancellationToken)
    {
        db.StagedProjectRows.Add(new NpgsqlBatchCommand(Upsert)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = project.Id },
                new NpgsqlParameter<long> { TypedValue = project.Version },
                new NpgsqlParameter<string> { TypedValue = project.Title },
                NullableInteger(project.Status),
                NullableInteger(project.Modality),
                NullableInteger(project.StartYear),
                NullableInteger(project.PrimarySdg),
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
        });
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
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
                (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var command in db.StagedProjectRows)
            {
                batch.BatchCommands.Add(command);
            }
            db.StagedProjectRows.Clear();
            // Planning this statement costs PostgreSQL more than running it; prepared, it is planned once per connection (Npgsql keeps
            // prepared statements across the pool, so preparing again is free).
            await batch.PrepareAsync(cancellationToken);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var written = false;
            foreach (var command in batch.BatchCommands)
            {
                await reader.ReadAsync(cancellationToken);
                var applied = reader.GetBoolean(0);
                long? storedVersion = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                var (id, version) = ((Guid)command.Parameters[0].Value!, (long)command.Parameters[1].Value!);
                if (!applied && (storedVersion is null || storedVersion < version))
                {
                    throw new DbUpdateConcurrencyException($"Project {id} was changed by another transaction while version {version} was applied.");
                }
                written |= applied;
                await reader.NextResultAsync(cancellationToken);
            }
            if (written)
            {
                db.ChangedProjections.Add(Projection.Projects);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlParameter NullableInteger(int? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = value is { } v ? v : DBNull.Value };
}
