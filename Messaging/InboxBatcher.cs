using System.Diagnostics;
using CooperationPlatform.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CooperationPlatform.Messaging;

/// <summary>
/// Group commit for one handler's queue: the messages its consumers hold at the same moment are applied in one transaction,
/// each recorded in the inbox, so a busy queue costs one commit (and one cache or relay notification) per batch instead of per message.
/// <para>
/// A quiet queue is not slowed down: the first message starts a batch at once, and the messages that arrive while a batch is being
/// applied form the next one (a second batch runs alongside when a full one is waiting). Within a batch the handlers run one after
/// another and each one's changes are saved before the next runs (a service may also stage statements that it sends, in order, just
/// before the commit). If a batch fails, each of its messages is applied again on its own,
/// and a message being retried is always applied on its own, so a message that cannot be applied is retried (and dead-lettered) alone
/// and never holds back the others. Each message's consumer completes, and the broker gets its acknowledgement, only after the commit
/// that applied it.
/// </para>
/// </summary>
public sealed class InboxBatcher<TDbContext, THandler>(
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    ILogger<InboxBatcher<TDbContext, THandler>> logger)
    where TDbContext : DbContext
    where THandler : class, IIntegrationEventHandler
{
    private const int MaxConcurrentBatches = 2;
    private static readonly string ConsumerName = typeof(THandler).FullName!;
    private static string? _recordInboxSql;

    private readonly Lock _gate = new();
    private readonly List<PendingMessage> _waiting = [];
    private int _drainers;

    private int MaxBatchSize => Math.Max(1, options.Value.Consumers.MaxBatchSize);

    /// <summary>
    /// Applies <paramref name="handle"/> once per message id and completes when the transaction that applied (or skipped) it has
    /// committed. <paramref name="alone"/> applies it in a transaction of its own, at once, on the caller's task.
    /// </summary>
    public Task ApplyAsync(Guid messageId, Guid aggregateId, string messageType, Func<THandler, CancellationToken, Task> handle, bool alone,
        CancellationToken cancellationToken)
    {
        var pending = new PendingMessage(messageId, aggregateId, messageType, handle, Activity.Current, cancellationToken);
        if (alone)
        {
            return ApplyInOneTransactionAsync([pending]);
        }
        lock (_gate)
        {
            _waiting.Add(pending);
            if (_drainers > 0 && (_drainers >= MaxConcurrentBatches || _waiting.Count < MaxBatchSize))
            {
                return pending.Applied.Task;
            }
            _drainers++;
        }
        // The loop serves every consumer of the queue: it must not carry the first one's trace or other async-local state.
        ThreadPool.UnsafeQueueUserWorkItem(static batcher => _ = batcher.DrainAsync(), this, preferLocal: false);
        return pending.Applied.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            PendingMessage[] batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _drainers--;
                    return;
                }
                batch = [.. _waiting.Take(MaxBatchSize)];
                _waiting.RemoveRange(0, batch.Length);
            }
            await ApplyBatchAsync(batch);
        }
    }

    /// <summary>Never throws: each message's outcome goes to its consumer.</summary>
    private async Task ApplyBatchAsync(PendingMessage[] batch)
    {
        try
        {
            await ApplyInOneTransactionAsync(batch);
            foreach (var message in batch)
            {
                message.Applied.TrySetResult();
            }
        }
        catch (Exception exception) when (batch.Length > 1)
        {
            logger.LogDebug(exception, "A batch of {Count} messages for {Handler} failed; applying each on its own", batch.Length, typeof(THandler).Name);
            foreach (var message in batch)
            {
                await ApplyBatchAsync([message]);
            }
        }
        catch (Exception exception)
        {
            batch[0].Applied.TrySetException(exception);
        }
    }

    private async Task ApplyInOneTransactionAsync(PendingMessage[] batch)
    {
        // The messages are of distinct aggregates (each holds its partition until it is applied); in aggregate order, two batches
        // that touch the same rows lock them in the same order.
        Array.Sort(batch, static (a, b) => a.AggregateId.CompareTo(b.AggregateId));
        // A single message keeps its consumer's cancellation; a batch stops when its consumers' endpoint stops (they share it), and
        // a message cancelled on its own then fails the batch and is applied alone with its own token.
        using var cancellation = batch.Length == 1 ? null : CancellationTokenSource.CreateLinkedTokenSource([.. batch.Select(m => m.CancellationToken)]);
        var cancellationToken = cancellation?.Token ?? batch[0].CancellationToken;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        // A retrying execution strategy runs the whole batch again on a transient error; the default one is skipped, since it
        // would only wrap the handlers' own exceptions.
        var strategy = db.Database.CreateExecutionStrategy();
        if (strategy.RetriesOnFailure)
        {
            await strategy.ExecuteAsync(() => ApplyOnceAsync(db, handler, batch, cancellationToken));
        }
        else
        {
            await ApplyOnceAsync(db, handler, batch, cancellationToken);
        }
    }

    private async Task ApplyOnceAsync(TDbContext db, THandler handler, PendingMessage[] batch, CancellationToken cancellationToken)
    {
        // One message keeps its consumer's span; a batch gets a span of its own, linked to each message's.
        var batchActivity = batch.Length == 1 ? batch[0].Activity : PlatformActivity.Source.StartActivity("inbox batch", ActivityKind.Internal,
            parentContext: default, links: batch.Where(m => m.Activity is not null).Select(m => new ActivityLink(m.Activity!.Context)));
        batchActivity?.SetTag("messaging.batch.message_count", batch.Length);
        var previous = Activity.Current;
        Activity.Current = batchActivity;
        try
        {
            // A retry must not see what a failed attempt left in the change tracker.
            db.ChangeTracker.Clear();
            // A failed save fails the whole batch, which is then applied message by message: a savepoint per save would only
            // cost two more round trips per message.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                // A concurrent delivery of the same message (another instance, a redelivery) waits on the key until this transaction ends.
                var recorded = await RecordInInboxAsync(db, batch, cancellationToken);
                foreach (var message in batch)
                {
                    if (!recorded.Remove(message.MessageId))
                    {
                        logger.LogDebug("{Handler} already applied {MessageType} {MessageId}; skipped", typeof(THandler).Name, message.MessageType, message.MessageId);
                        continue;
                    }
                    Activity.Current = message.Activity ?? batchActivity;
                    await message.Handle(handler, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    // The next message starts from the database, as it would in a transaction of its own; a tracker holding the
                    // whole batch would also make every save compare all of its rows again.
                    db.ChangeTracker.Clear();
                    Activity.Current = batchActivity;
                }
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                // Explicitly, so that the interceptors drop what they noted for the commit (relay wake-up, cache invalidation).
                // On a broken connection the rollback fails too (the server has rolled back already); the first error is the one
                // the retry policy must see, or a database outage would count as a handler's bug.
                try
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }
                catch (Exception rollback)
                {
                    logger.LogDebug(rollback, "Rolling back a failed batch for {Handler} failed too", typeof(THandler).Name);
                }
                throw;
            }
        }
        finally
        {
            Activity.Current = previous;
            if (batch.Length > 1)
            {
                batchActivity?.Dispose();
            }
        }
    }

    /// <summary>
    /// Inserts the batch's inbox rows, in id order so that two batches sharing ids lock them in the same order; returns the ids that
    /// were not there yet, the messages to apply.
    /// </summary>
    private static async Task<HashSet<Guid>> RecordInInboxAsync(TDbContext db, PendingMessage[] batch, CancellationToken cancellationToken)
    {
        _recordInboxSql ??= $"""
            INSERT INTO {MessagingTables.From(db.Model).Inbox} (message_id, consumer, processed_at)
            SELECT DISTINCT id, @consumer, now() FROM unnest(@ids) AS id ORDER BY id
            ON CONFLICT DO NOTHING RETURNING message_id AS "Value"
            """;
        var recorded = await db.Database.SqlQueryRaw<Guid>(_recordInboxSql,
            new NpgsqlParameter<Guid[]>("ids", [.. batch.Select(m => m.MessageId)]),
            new NpgsqlParameter<string>("consumer", ConsumerName)).ToListAsync(cancellationToken);
        return [.. recorded];
    }

    private sealed record PendingMessage(Guid MessageId, Guid AggregateId, string MessageType, Func<THandler, CancellationToken, Task> Handle,
        Activity? Activity, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
