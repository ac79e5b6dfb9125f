using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Analytics.Model;
using CooperationPlatform.Contracts.Messages;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Analytics.Application;

/// <summary>The current state of every aggregate of some projections, in the shape of each aggregate's latest message.</summary>
/// <param name="Projections">The state tables these messages fully describe.</param>
/// <param name="Messages">Null when the source cannot be read: those projections are then left as they are.</param>
public sealed record SnapshotSet(string Source, IReadOnlyList<Projection> Projections, IAsyncEnumerable<IntegrationEvent>? Messages);

public sealed record RebuildResult(IReadOnlyList<RebuiltSource> Sources);

public sealed record RebuiltSource(string Source, bool Rebuilt, long Aggregates, long Removed, string? Reason);

/// <summary>
/// Replaces the state of the given projections with the sources' snapshots, through the same <see cref="Projector"/> the message
/// handlers use (a snapshot of the same version overwrites, repairing drift), and removes aggregates the source no longer has.
/// </summary>
public sealed class ProjectionRebuilder(AnalyticsDbContext db, Projector projector, ViewCache cache)
{
    private const int BatchSize = 500;

    public async Task<RebuildResult> RebuildAsync(IReadOnlyList<SnapshotSet> sets, CancellationToken cancellationToken)
    {
        var results = new List<RebuiltSource>();
        foreach (var set in sets)
        {
            results.Add(set.Messages is null
                ? new RebuiltSource(set.Source, false, 0, 0, "The source's snapshot endpoint could not be read; its projections were kept.")
                : await RebuildAsync(set.Source, set.Projections, set.Messages, cancellationToken));
        }
        await cache.InvalidateAllAsync();
        return new RebuildResult(results);
    }

    private async Task<RebuiltSource> RebuildAsync(string source, IReadOnlyList<Projection> projections, IAsyncEnumerable<IntegrationEvent> messages,
        CancellationToken cancellationToken)
    {
        var seen = projections.ToDictionary(p => p, _ => new HashSet<Guid>());
        var pending = 0;
        db.ChangeTracker.Clear();
        // The projections' tables and the rows kept beside them (such as a project's partner pairs).
        var rebuilt = db.Model.GetEntityTypes()
            .Where(e => typeof(IProjectionState).IsAssignableFrom(e.ClrType) && projections.Contains(ViewCache.Of(e.ClrType)))
            .ToList();
        var tableList = string.Join(", ", rebuilt
            .Concat(db.Model.GetEntityTypes().Where(e => e.GetForeignKeys().Any(k => rebuilt.Contains(k.PrincipalEntityType))))
            .Select(e => $"\"{e.GetTableName()}\""));
        var (lockTables, analyzeTables) = ($"LOCK TABLE {tableList} IN SHARE ROW EXCLUSIVE MODE", $"ANALYZE {tableList}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        long removed = 0;
        try
        {
            // Consumers apply batches of messages that each lock several rows; holding the tables from the start makes them wait for the
            // rebuild instead of deadlocking with it.
            await db.Database.ExecuteSqlRawAsync(lockTables, cancellationToken);
            await foreach (var message in messages.WithCancellation(cancellationToken))
            {
                await projector.ApplyAsync(message, cancellationToken, replaceSameVersion: true);
                if (Projector.ProjectionOf(message) is { } projection)
                {
                    seen.GetValueOrDefault(projection)?.Add(message.AggregateId);
                }
                if (++pending % BatchSize == 0)
                {
                    await ProjectRows.FlushAsync(db, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }
            await ProjectRows.FlushAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var (projection, ids) in seen)
            {
                var keep = ids.ToArray();
                removed += projection switch
                {
                    Projection.Projects => await db.Projects.Where(s => !keep.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken),
                    Projection.Institutions => await db.Institutions.Where(s => !keep.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken),
                    Projection.Events => await db.Events.Where(s => !keep.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken),
                    Projection.Registrations => await db.Registrations.Where(s => !keep.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken),
                    Projection.Meetings => await db.Meetings.Where(s => !keep.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken),
                    _ => 0,
                };
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // Explicitly, so that the interceptor drops the project rows this transaction staged.
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        // A rebuild may rewrite whole tables: the views are planned with fresh statistics at once, not when autovacuum gets to it.
        await db.Database.ExecuteSqlRawAsync(analyzeTables, cancellationToken);
        return new RebuiltSource(source, true, pending, removed, null);
    }
}
