using CooperationPlatform.Portfolio.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>
/// Loads <see cref="ProjectSearchIndex"/> from the database at start-up, then every <see cref="Interval"/> reads the projects and
/// institutions changed since, so changes made through another instance show in this one's searches within seconds.
/// The window reaches back <see cref="Overlap"/> to catch transactions that committed after a later one was read.
/// </summary>
public sealed class SearchIndexRefresher(IServiceScopeFactory scopes, ProjectSearchIndex index, ILogger<SearchIndexRefresher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    private const int LoadBatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var since = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = DateTimeOffset.UtcNow;
                await LoadChangedSinceAsync(since, stoppingToken);
                if (!index.Ready.IsCompleted)
                {
                    logger.LogInformation("Search index loaded with {Count} projects in {Elapsed} ms", index.Count,
                        (int)(DateTimeOffset.UtcNow - started).TotalMilliseconds);
                    index.MarkReady();
                }
                since = started - Overlap;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing the search index failed; retrying");
            }
            await Task.Delay(Interval, stoppingToken);
        }
    }

    private async Task LoadChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDbContext>();
        await foreach (var institution in db.Institutions.AsNoTracking().Where(i => i.UpdatedAt >= since)
            .Select(i => new { i.Id, i.Name }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            index.Institutions.SetName(institution.Id, institution.Name);
        }
        // The window re-reads recent changes on every pass: compare versions first and load only what the index lacks, so that
        // a bulk import is not read again and again for the length of the overlap.
        var changed = await db.Projects.AsNoTracking().Where(p => p.UpdatedAt >= since).Select(p => new { p.Id, p.Version })
            .ToListAsync(cancellationToken);
        foreach (var batch in changed.Where(p => index.IsBehind(p.Id, p.Version)).Select(p => p.Id).Chunk(LoadBatchSize))
        {
            await foreach (var project in db.Projects.AsNoTracking().Where(p => batch.Contains(p.Id))
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                index.Upsert(SearchDocument.From(project, index.Institutions));
            }
        }
    }
}
