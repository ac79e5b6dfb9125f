using System.Collections.Concurrent;
using CooperationPlatform.Contracts.Messages;
using MassTransit;

namespace CooperationPlatform.Testing;

/// <summary>
/// Counts every consumption of a message that completed on a bus it observes (<c>IBus.ConnectConsumeObserver</c>), including
/// those the inbox skipped, so that a test can wait until a service has consumed what it was sent.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();

    public int Count(Guid messageId) => _counts.GetValueOrDefault(messageId);

    public Task WaitForAsync(Guid messageId, int times = 1, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => Task.FromResult(Count(messageId) >= times), $"message {messageId} is consumed {times} time(s)", timeout);

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IntegrationEvent message)
        {
            _counts.AddOrUpdate(message.Id, 1, (_, count) => count + 1);
        }
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
