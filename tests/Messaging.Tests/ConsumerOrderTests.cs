using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Messaging.Tests;

public sealed record OrderedSampleRecorded : IntegrationEvent;

/// <summary>
/// One aggregate's first message fails its first attempt (a transient error, such as a deadlock), and its retry waits for the
/// test's go-ahead, so that the test can look at what happened meanwhile.
/// </summary>
public sealed class HeldAggregate
{
    public Guid Id { get; } = Guid.NewGuid();
    public TaskCompletionSource FirstAttemptFailed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource RetryMayProceed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed class OrderedSampleHandler(TestDbContext db, HeldAggregate held) : RecordingHandler<OrderedSampleRecorded>(db)
{
    public override async Task HandleAsync(OrderedSampleRecorded message, CancellationToken cancellationToken)
    {
        if (message.AggregateId == held.Id && message.AggregateVersion == 1)
        {
            if (held.FirstAttemptFailed.TrySetResult())
            {
                throw new TimeoutException("A transient failure.");
            }
            await held.RetryMayProceed.Task.WaitAsync(cancellationToken);
        }
        await base.HandleAsync(message, cancellationToken);
    }
}

public sealed class ConsumerOrderTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_retried_message_holds_back_the_later_messages_of_its_aggregate_only()
    {
        var held = new HeldAggregate();
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "order",
            messaging => messaging.AddIntegrationEventHandler<OrderedSampleHandler>(),
            services => services.AddSingleton(held));
        await service.WriteAsync(db => db.AddIntegrationEvent(new OrderedSampleRecorded { AggregateId = held.Id, AggregateVersion = 1 }));
        await held.FirstAttemptFailed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // While the first message is being retried, the aggregate's later messages and other aggregates' messages arrive.
        var others = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        await service.WriteAsync(db =>
        {
            for (var version = 2; version <= 5; version++)
            {
                db.AddIntegrationEvent(new OrderedSampleRecorded { AggregateId = held.Id, AggregateVersion = version });
            }
            foreach (var other in others)
            {
                db.AddIntegrationEvent(new OrderedSampleRecorded { AggregateId = other, AggregateVersion = 1 });
            }
        });

        // Other aggregates go on (the partitions are hashed from the aggregate id, so some other aggregate shares none with it),
        // and none of the held aggregate's later messages overtakes its first.
        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count >= 3, "other aggregates are applied meanwhile");
        Assert.DoesNotContain(await service.AppliedEventsAsync(), applied => applied.AggregateId == held.Id);

        held.RetryMayProceed.SetResult();
        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count == 12, "every event is applied");
        var heldVersions = (await service.AppliedEventsAsync()).Where(a => a.AggregateId == held.Id).Select(a => a.AggregateVersion).ToList();
        Assert.Equal(1, heldVersions[0]);
        Assert.Equal([1L, 2, 3, 4, 5], heldVersions.Order());
    }
}
