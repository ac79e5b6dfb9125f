using System.Data.Common;
using CooperationPlatform.Analytics.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Analytics.Infrastructure;

/// <summary>
/// Invalidates the cached views of the projections a save changed once the change is committed, never before: invalidating inside
/// the transaction would let a concurrent read cache the old figures again. A batch of messages in one transaction invalidates once.
/// Before a commit, it sends the project rows still staged (<see cref="ProjectRows"/>); after a rollback, it drops them.
/// </summary>
public sealed class ProjectionChangeInterceptor(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AnalyticsDbContext { Database.CurrentTransaction: null } context)
        {
            await FlushAsync(context);
        }
        return result;
    }

    // Staged rows belong to the transaction that staged them: any found at the start of another are a leftover of one that was
    // disposed without a rollback (a pooled context keeps its fields).
    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AnalyticsDbContext context)
        {
            context.StagedProjectRows.Clear();
        }
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        eventData.Context is AnalyticsDbContext { StagedProjectRows.Count: > 0 }
            ? throw new InvalidOperationException("Staged project rows are sent before an asynchronous commit only: commit with CommitAsync.")
            : result;

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AnalyticsDbContext context)
        {
            await ProjectRows.FlushAsync(context, cancellationToken);
        }
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AnalyticsDbContext context)
        {
            await FlushAsync(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Discard(eventData.Context);

    // A commit or rollback that failed leaves nothing applied either; the pooled context must not carry the batch's writes on.
    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Discard(eventData.Context);

    private static Task Discard(DbContext? context)
    {
        if (context is AnalyticsDbContext analytics)
        {
            analytics.ChangedProjections.Clear();
            analytics.StagedProjectRows.Clear();
        }
        return Task.CompletedTask;
    }

    private async Task FlushAsync(AnalyticsDbContext context)
    {
        if (context.ChangedProjections.Count == 0)
        {
            return;
        }
        Projection[] changed = [.. context.ChangedProjections];
        context.ChangedProjections.Clear();
        await services.GetRequiredService<ViewCache>().InvalidateAsync(changed);
    }
}
