using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CooperationPlatform.Messaging;

/// <summary>
/// Raises the relay's signal right after a commit that wrote outbox rows: at the end of <c>SaveChanges</c>
/// when it ran its own transaction, or when the caller's explicit transaction commits.
/// </summary>
internal sealed class OutboxCommitInterceptor<TDbContext>(OutboxSignal<TDbContext> signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TDbContext : DbContext
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        OnSaved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        OnSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => OnCommitted(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        OnCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => OnRolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        OnRolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void OnSaved(DbContext? context)
    {
        // Inside an explicit transaction nothing is visible yet: wait for its commit.
        if (context is TDbContext && context.Database.CurrentTransaction is null && OutboxExtensions.TakeNewMessagesFlag(context))
        {
            signal.Raise();
        }
    }

    private void OnCommitted(DbContext? context)
    {
        if (context is TDbContext && OutboxExtensions.TakeNewMessagesFlag(context))
        {
            signal.Raise();
        }
    }

    private static void OnRolledBack(DbContext? context)
    {
        if (context is TDbContext)
        {
            OutboxExtensions.TakeNewMessagesFlag(context);
        }
    }
}
