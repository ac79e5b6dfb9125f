using System.Diagnostics;
using CooperationPlatform.ServiceDefaults.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CooperationPlatform.Messaging;

/// <summary>
/// Publishes the outbox of <typeparamref name="TDbContext"/>'s database through MassTransit, with publisher confirms.
/// Woken by <see cref="OutboxSignal{TDbContext}"/> after each commit; polls only as a fallback. Every failure (broker or
/// database down, a publish refused) is retried with backoff; the relay itself never stops before the host does. A row that no
/// retry can publish (its type does not load, its body does not deserialize) is dead-lettered at once, so that it does not hold
/// back its aggregate.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceProvider services,
    IBusControl bus,
    OutboxSignal<TDbContext> signal,
    IOptions<MessagingOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const string PublishActivityName = "outbox publish";
    private static readonly TimeSpan LeaseBusyRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan BusStartWait = TimeSpan.FromSeconds(30);
    private readonly OutboxRelayOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OutboxStore? store = null;
        var failures = 0;
        var nextCleanUp = DateTimeOffset.UtcNow;
        try
        {
            await WaitForBusAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    store ??= CreateStore();
                    var batch = await RelayBatchAsync(store, stoppingToken);
                    failures = 0;
                    if (DateTimeOffset.UtcNow >= nextCleanUp)
                    {
                        await CleanUpAsync(store, stoppingToken);
                        nextCleanUp = DateTimeOffset.UtcNow + _options.CleanupInterval;
                    }
                    if (!batch.LeaseHeld)
                    {
                        // Another instance is publishing; it may not have seen this instance's latest commit, so look again soon.
                        await signal.WaitAsync(LeaseBusyRetry < _options.PollInterval ? LeaseBusyRetry : _options.PollInterval, stoppingToken);
                    }
                    else if (batch.Read < _options.BatchSize || batch.Failed > 0)
                    {
                        await signal.WaitAsync(_options.PollInterval, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = _options.RetryDelay(++failures);
                    logger.LogWarning(e, "The outbox relay for {DbContext} failed ({Failures} in a row); retrying in {Delay}",
                        typeof(TDbContext).Name, failures, delay);
                    await Task.Delay(delay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Publishing before the bus has declared this service's own queues and bindings would route the first messages nowhere.
    /// A bus that is still not healthy after a while (an endpoint that cannot start, the broker down) does not hold the relay back:
    /// failed publishes are retried like any other.
    /// </summary>
    private async Task WaitForBusAsync(CancellationToken stoppingToken)
    {
        var deadline = DateTimeOffset.UtcNow + BusStartWait;
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, stoppingToken);
        }
    }

    private OutboxStore CreateStore()
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException($"{typeof(TDbContext).Name} has no connection string.");
        return new OutboxStore(NpgsqlDataSource.Create(connectionString), MessagingTables.From(db.Model));
    }

    private async Task<(bool LeaseHeld, int Read, int Failed)> RelayBatchAsync(OutboxStore store, CancellationToken stoppingToken)
    {
        await using var lease = await store.TryLeaseAsync(_options.BatchSize, stoppingToken);
        if (lease is null)
        {
            return (false, 0, 0);
        }
        using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        publishTimeout.CancelAfter(_options.PublishTimeout);
        // Aggregates are independent: publish them side by side, and each one's messages strictly in order.
        var outcomes = await Task.WhenAll(lease.Messages
            .GroupBy(message => message.AggregateId)
            .Select(aggregate => PublishInOrderAsync(aggregate, publishTimeout.Token)));

        var sent = outcomes.SelectMany(outcome => outcome.Sent).ToList();
        var deadLettered = outcomes.SelectMany(outcome => outcome.DeadLettered).ToList();
        // A publish cut short by shutdown is not the message's fault: it is simply tried again after the restart.
        List<FailedPublish> failed = stoppingToken.IsCancellationRequested ? [] :
        [
            .. outcomes.Where(outcome => outcome.Failure is not null).Select(outcome => outcome.Failure!.Value).Select(failure =>
                new FailedPublish(failure.Message, failure.Error.Message, _options.RetryDelay(failure.Message.Attempts + 1))),
        ];
        await lease.CompleteAsync(sent, failed, deadLettered, CancellationToken.None);

        foreach (var deadLetter in deadLettered)
        {
            logger.LogError("Outbox message {MessageId} ({MessageType}, aggregate {AggregateId}, sequence {Sequence}) cannot be published and was " +
                "dead-lettered: {Reason}. The aggregate's later messages go on; requeue it with POST /admin/messages/outbox/requeue after the fix",
                deadLetter.Message.MessageId, deadLetter.Message.MessageType, deadLetter.Message.AggregateId, deadLetter.Message.Sequence, deadLetter.Reason);
        }
        foreach (var failure in failed)
        {
            logger.LogWarning("Publishing outbox message {MessageId} ({MessageType}) failed {Attempts} time(s): {Error}. Retrying in {Delay}",
                failure.Message.MessageId, failure.Message.MessageType, failure.Message.Attempts + 1, failure.Error, failure.RetryAfter);
        }
        return (true, lease.Messages.Count, failed.Count);
    }

    private async Task<(List<long> Sent, List<DeadLetter> DeadLettered, (PendingMessage Message, Exception Error)? Failure)> PublishInOrderAsync(
        IEnumerable<PendingMessage> aggregate, CancellationToken cancellationToken)
    {
        var sent = new List<long>();
        var deadLettered = new List<DeadLetter>();
        foreach (var message in aggregate)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                sent.Add(message.Sequence);
            }
            catch (UnpublishableMessageException e)
            {
                // Waiting would not help it, and would hold back its aggregate for ever.
                deadLettered.Add(new DeadLetter(message, e.Message));
            }
            catch (Exception e)
            {
                // The aggregate's later messages wait behind this one.
                return (sent, deadLettered, (message, e));
            }
        }
        return (sent, deadLettered, null);
    }

    private async Task PublishAsync(PendingMessage pending, CancellationToken cancellationToken)
    {
        var (message, type) = IntegrationEventSerializer.Deserialize(pending.MessageType, pending.Body);
        using var activity = StartPublishActivity(pending);
        var publish = bus.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = pending.MessageId), cancellationToken);
        // MassTransit may keep waiting for a lost connection whatever the token says; the relay does not.
        await publish.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Continues the writer's trace, so that MassTransit's send span and the consumer's span join it. When nobody listens to the
    /// platform's source, a bare activity still carries the context to MassTransit.
    /// </summary>
    private static Activity? StartPublishActivity(PendingMessage message)
    {
        if (!ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent))
        {
            return PlatformActivity.Source.StartActivity(PublishActivityName)?.SetTag("messaging.message.id", message.MessageId);
        }
        var activity = PlatformActivity.Source.StartActivity(PublishActivityName, ActivityKind.Internal, parent);
        if (activity is null)
        {
            activity = new Activity(PublishActivityName).SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
            activity.TraceStateString = parent.TraceState;
            activity.Start();
        }
        return activity.SetTag("messaging.message.id", message.MessageId);
    }

    private async Task CleanUpAsync(OutboxStore store, CancellationToken cancellationToken)
    {
        var (outbox, inbox) = await store.CleanUpAsync(_options.Retention, _options.InboxRetention, cancellationToken);
        if (outbox + inbox > 0)
        {
            logger.LogInformation("Deleted {Outbox} sent outbox rows and {Inbox} inbox ids past their retention", outbox, inbox);
        }
    }
}
