using System.Collections.Concurrent;
using System.Diagnostics;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Messaging;
using MassTransit;

namespace CooperationPlatform.Events.Tests.Support;

/// <summary>
/// A bus of the test's own, subscribed on a temporary queue to every message the events service publishes, recording what arrives
/// over the real broker (so a test sees what a consumer such as analytics would see).
/// </summary>
public sealed class PublishedMessages : IAsyncDisposable
{
    private readonly ConcurrentQueue<IntegrationEvent> _received = new();
    private IBusControl _bus = null!;

    public static async Task<PublishedMessages> StartAsync(string brokerConnectionString, string name)
    {
        var broker = RabbitMqAddress.Parse(brokerConnectionString);
        var recorder = new PublishedMessages();
        recorder._bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint(name + "-recorder", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Consumer(() => new Recorder<EventScheduled>(recorder._received));
                endpoint.Consumer(() => new Recorder<EventConcluded>(recorder._received));
                endpoint.Consumer(() => new Recorder<RegistrationConfirmed>(recorder._received));
                endpoint.Consumer(() => new Recorder<RegistrationCancelled>(recorder._received));
                endpoint.Consumer(() => new Recorder<MeetingRequested>(recorder._received));
                endpoint.Consumer(() => new Recorder<MeetingScheduled>(recorder._received));
                endpoint.Consumer(() => new Recorder<MeetingOutcomeRecorded>(recorder._received));
            });
        });
        await recorder._bus.StartAsync(TestContext.Current.CancellationToken);
        return recorder;
    }

    public IReadOnlyList<T> Of<T>(Func<T, bool>? where = null) where T : IntegrationEvent =>
        [.. _received.OfType<T>().Where(where ?? (_ => true))];

    /// <summary>Waits until <paramref name="count"/> messages of <typeparamref name="T"/> matching <paramref name="where"/> arrived; fails after the timeout.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> where, int count = 1, TimeSpan? timeout = null) where T : IntegrationEvent
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (Of(where).Count < count)
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting for {count} {typeof(T).Name} message(s); got {Of(where).Count}.");
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        return Of(where);
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private sealed class Recorder<T>(ConcurrentQueue<IntegrationEvent> received) : IConsumer<T> where T : IntegrationEvent
    {
        public Task Consume(ConsumeContext<T> context)
        {
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
