using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Events.Mail;

/// <summary>
/// Hands the unsent messages of the mail outbox to the sender, oldest first. Rows are taken <c>FOR UPDATE SKIP LOCKED</c>, so
/// several instances share the work without sending a message twice; a message whose sending fails stays unsent and is tried again
/// on a later round, up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class ParticipantMailRelay(IServiceScopeFactory scopes, IParticipantMailSender sender, TimeProvider clock,
    IOptions<ParticipantMailOptions> options, ILogger<ParticipantMailRelay> logger) : BackgroundService
{
    public const int MaxAttempts = 10;
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sending participant messages failed; trying again at the next round");
            }
        }
    }

    private async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.ParticipantMessages
            .FromSql($"""
                SELECT * FROM participant_messages WHERE sent_at IS NULL AND "to" <> '' AND attempts < {MaxAttempts}
                ORDER BY created_at LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            try
            {
                await sender.SendAsync(message, cancellationToken);
                message.Sent(clock.GetUtcNow(), sender.KeepsCopy);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Participant message {MessageId} could not be sent", message.Id);
                message.Failed();
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
