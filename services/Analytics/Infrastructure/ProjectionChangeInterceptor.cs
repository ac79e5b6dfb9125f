using System.Data.Common;
using System.Runtime.CompilerServices;
using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Analytics.Infrastructure;

/// <summary>
/// Notes which projections a save changes and invalidates their cached views once the change is committed, never before:
/// invalidating inside the transaction would let a concurrent read cache the old figures again.
/// </summary>
public sealed class ProjectionChangeInterceptor(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, HashSet<Projection>> Pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            await FlushAsync(context);
        }
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await FlushAsync(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Pending.Remove(context);
        }
        return Task.CompletedTask;
    }

    private static void Collect(DbContext? context)
    {
        if (context is not AnalyticsDbContext)
        {
            return;
        }
        var changed = context.ChangeTracker.Entries<IProjectionState>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => ViewCache.Of(e.Metadata.ClrType))
            .ToList();
        if (changed.Count > 0)
        {
            Pending.GetOrCreateValue(context).UnionWith(changed);
        }
    }

    private async Task FlushAsync(DbContext context)
    {
        if (Pending.TryGetValue(context, out var changed))
        {
            Pending.Remove(context);
            await services.GetRequiredService<ViewCache>().InvalidateAsync(changed);
        }
    }
}
