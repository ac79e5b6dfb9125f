using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.ServiceDefaults.Messaging;
using CooperationPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Messaging.Tests;

public sealed record OrderedSampleRecorded : IntegrationEvent;

/// <summary>Fails the first attempt at each aggregate's first version: a transient error, such as a deadlock.</summary>
public sealed class OrderedSampleHandler(TestDbContext db, FirstAttempts firstAttempts) : RecordingHandler<OrderedSampleRecorded>(db)
{
    public override Task HandleAsync(OrderedSampleRecorded message, CancellationToken cancellationToken) =>
        message.AggregateVersion == 1 && firstAttempts.IsFirst(message.Id)
            ? throw new TimeoutException("A transient failure.")
            : base.HandleAsync(message, cancellationToken);
}

public sealed class FirstAttempts
{
    private readonly HashSet<Guid> _seen = [];

    public bool IsFirst(Guid id)
    {
        lock (_seen)
        {
            return _seen.Add(id);
        }
    }
}

public sealed class ConsumerOrderTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_retried_message_holds_back_the_later_messages_of_its_aggregate_only()
    {
        var database = await infrastructure.CreateDatabaseAsync("order");
        await TestDbContext.CreateSchemaAsync(database);
        await using var service = await MessagingTestHost.StartAsync(database, infrastructure.RabbitMqConnectionString,
            MessagingTestHost.UniqueServiceName("order"), messaging => messaging.AddIntegrationEventHandler<OrderedSampleHandler>(),
            services => services.AddSingleton<FirstAttempts>());
        var aggregates = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        // One transaction, so the relay publishes all of them together and they reach the consumer together.
        await service.WriteAsync(db =>
        {
            for (var version = 1; version <= 5; version++)
            {
                foreach (var aggregate in aggregates)
                {
                    db.AddIntegrationEvent(new OrderedSampleRecorded { AggregateId = aggregate, AggregateVersion = version });
                }
            }
        });

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count == 20, "every event is applied");
        Assert.All((await service.AppliedEventsAsync()).GroupBy(a => a.AggregateId), aggregate =>
            Assert.Equal([1L, 2, 3, 4, 5], aggregate.Select(a => a.AggregateVersion)));
    }
}
