using System.Collections.Concurrent;

namespace CooperationPlatform.Events.Application;

/// <summary>
/// Registrations to one event queue here, in the order they reach this instance, and are taken in batches: one transaction under
/// the event's lock takes every registration waiting (up to <see cref="MaxBatch"/>). Under contention the lock, a few round trips
/// and the commit's flush are paid once per batch instead of once per registration, and requests wait in memory rather than each
/// holding a database connection while it waits for the lock. The database lock still decides between instances.
/// </summary>
public sealed class RegistrationLine(IServiceScopeFactory scopes, ILogger<RegistrationLine> logger)
{
    public const int MaxBatch = 200;
    private readonly ConcurrentDictionary<Guid, Queue> _queues = new();

    public async Task<Registered> RegisterAsync(Guid eventId, Applicant applicant, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(applicant);
        var queue = _queues.GetOrAdd(eventId, id => new Queue(id, this));
        queue.Enqueue(waiting);
        var outcome = await waiting.Completion.Task.WaitAsync(cancellationToken);
        return outcome.Error is { } error ? throw error : outcome.Value!;
    }

    private async Task TakeAsync(Guid eventId, IReadOnlyList<Waiting> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcomes = await scope.ServiceProvider.GetRequiredService<Registrar>()
                .RegisterAsync(eventId, [.. batch.Select(w => w.Applicant)], CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.SetResult(outcomes[i]);
            }
        }
        catch (Exception e)
        {
            if (e is not (ServiceDefaults.Errors.NotFoundException or ServiceDefaults.Errors.RequestValidationException or OperationCanceledException))
            {
                logger.LogError(e, "A batch of {Count} registrations to event {EventId} failed", batch.Count, eventId);
            }
            foreach (var waiting in batch)
            {
                waiting.Completion.TrySetResult(e);
            }
        }
    }

    private sealed record Waiting(Applicant Applicant)
    {
        public TaskCompletionSource<Outcome<Registered>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One event's queue, drained by at most one task at a time.</summary>
    private sealed class Queue(Guid eventId, RegistrationLine line)
    {
        private readonly ConcurrentQueue<Waiting> _waiting = new();
        private int _draining;

        public void Enqueue(Waiting waiting)
        {
            _waiting.Enqueue(waiting);
            if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
            {
                _ = Task.Run(DrainAsync);
            }
        }

        private async Task DrainAsync()
        {
            while (true)
            {
                var batch = new List<Waiting>(MaxBatch);
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
                if (batch.Count > 0)
                {
                    await line.TakeAsync(eventId, batch);
                    continue;
                }
                Volatile.Write(ref _draining, 0);
                // Someone may have queued after the last dequeue but before the flag was cleared: drain again if so.
                if (_waiting.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    if (_waiting.IsEmpty)
                    {
                        line._queues.TryRemove(new KeyValuePair<Guid, Queue>(eventId, this));
                    }
                    return;
                }
            }
        }
    }
}
