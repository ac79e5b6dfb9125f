using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Messaging;

/// <summary>An outbox row the relay moved aside because it can never be published as it is.</summary>
public sealed record DeadLetteredMessageResponse(
    long Sequence,
    Guid MessageId,
    string MessageType,
    Guid AggregateId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DeadLetteredAt,
    string? Reason,
    string Body);

public sealed record OutboxDeadLettersResponse(int MessageCount, IReadOnlyList<DeadLetteredMessageResponse> Messages);

/// <summary>Requeues every dead-lettered outbox row, or those whose message id is listed.</summary>
public sealed record OutboxRequeueRequest(IReadOnlyList<Guid>? MessageIds);

public sealed record OutboxRequeueResponse(int Requeued);

/// <summary>The service's dead-lettered outbox rows, for the messaging admin API; the service's DbContext stays out of its signature.</summary>
public interface IOutboxDeadLetters
{
    Task<OutboxDeadLettersResponse> ListAsync(int limit, CancellationToken cancellationToken);

    Task<int> RequeueAsync(IReadOnlyCollection<Guid>? messageIds, CancellationToken cancellationToken);
}

internal sealed class OutboxDeadLetters<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxSignal<TDbContext> signal,
    ILogger<OutboxDeadLetters<TDbContext>> logger) : IOutboxDeadLetters
    where TDbContext : DbContext
{
    private const int MaxBodyLength = 16 * 1024;

    public async Task<OutboxDeadLettersResponse> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deadLettered = scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DeadLetteredAt != null && m.SentAt == null);
        var count = await deadLettered.CountAsync(cancellationToken);
        var rows = await deadLettered.OrderBy(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        return new OutboxDeadLettersResponse(count, [.. rows.Select(m => new DeadLetteredMessageResponse(
            m.Sequence, m.MessageId, m.MessageType, m.AggregateId, m.CreatedAt, m.DeadLetteredAt!.Value, m.LastError,
            m.Body.Length > MaxBodyLength ? m.Body[..MaxBodyLength] : m.Body))]);
    }

    /// <summary>
    /// Gives the rows back to the relay, which publishes them at once (after their aggregate's later rows, which went on without them)
    /// or dead-letters them again if they still cannot be published.
    /// </summary>
    public async Task<int> RequeueAsync(IReadOnlyCollection<Guid>? messageIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>()
            .Where(m => m.DeadLetteredAt != null && m.SentAt == null);
        if (messageIds is { Count: > 0 })
        {
            rows = rows.Where(m => messageIds.Contains(m.MessageId));
        }
        var requeued = await rows.ExecuteUpdateAsync(update => update
            .SetProperty(m => m.DeadLetteredAt, (DateTimeOffset?)null)
            .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
        if (requeued > 0)
        {
            logger.LogWarning("{Count} dead-lettered outbox message(s) requeued by an operator", requeued);
            signal.Raise();
        }
        return requeued;
    }
}
