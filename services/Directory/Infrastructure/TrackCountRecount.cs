using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Infrastructure;

/// <summary>
/// Recounts every institution's counted projects (<c>institution_track_counts</c>) from the projects received, at each start after
/// the migrations. The message handler keeps the counts from then on; the recount repairs what an instance of an older version,
/// still consuming during a rolling upgrade, applied without counting. The table is locked for the recount, so a handler's change
/// is either in the projects it reads or applied after it.
/// </summary>
public sealed class TrackCountRecount(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await RecountAsync(scope.ServiceProvider.GetRequiredService<DirectoryDbContext>(), cancellationToken);
    }

    public static async Task RecountAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            LOCK TABLE institution_track_counts IN EXCLUSIVE MODE;
            DELETE FROM institution_track_counts;
            INSERT INTO institution_track_counts (institution_id, counted_projects)
            SELECT pp.institution_id, count(*)
            FROM project_partners AS pp JOIN portfolio_projects AS pr ON pr.id = pp.project_id
            WHERE pr.counts_for_track_record
            GROUP BY pp.institution_id;
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
