using System.Collections.Concurrent;
using CooperationPlatform.Contracts.Messages;
using MassTransit;

namespace CooperationPlatform.Messaging.Tests.Support;

/// <summary>Counts every consumption of <typeparamref name="TEvent"/> that completed, including those the inbox skipped.</summary>
public sealed class ConsumedMessages<TEvent> : IConsumeObserver
    where TEvent : IntegrationEvent
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();

    public int Count(Guid eventId) => _counts.GetValueOrDefault(eventId);

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is TEvent message)
        {
            _counts.AddOrUpdate(message.Id, 1, (_, count) => count + 1);
        }
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
