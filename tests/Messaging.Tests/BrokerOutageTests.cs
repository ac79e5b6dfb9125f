using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Messaging.Tests;

public sealed record OutageSampleRecorded : IntegrationEvent;

public sealed class OutageSampleHandler(TestDbContext db) : RecordingHandler<OutageSampleRecorded>(db);

public sealed class BrokerOutageTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_change_committed_while_the_broker_is_down_is_delivered_when_it_returns()
    {
        await using var broker = new RestartableRabbitMq();
        await broker.StartAsync();
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "outage",
            messaging => messaging.AddIntegrationEventHandler<OutageSampleHandler>(), brokerConnectionString: broker.ConnectionString);
        var aggregate = Guid.NewGuid();
        var before = new OutageSampleRecorded { AggregateId = aggregate, AggregateVersion = 1 };
        var during = new OutageSampleRecorded { AggregateId = aggregate, AggregateVersion = 2 };
        await service.WriteAsync(db => db.AddIntegrationEvent(before));
        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count == 1, "the event written before the outage is applied");

        await broker.StopAsync();
        await service.WriteAsync(db => db.AddIntegrationEvent(during));
        await Eventually.HoldsAsync(() => service.ReadAsync(db => db.Outbox.AnyAsync(
                m => m.MessageId == during.Id && m.SentAt == null && m.Attempts > 0, TestContext.Current.CancellationToken)),
            "the relay has tried to publish the event and kept it");
        // Writes still work, so the service stays ready: a broker outage degrades it, it does not take it out of rotation.
        await Eventually.HoldsAsync(async () =>
        {
            using var health = await service.Http.GetAsync("/health", TestContext.Current.CancellationToken);
            return health.IsSuccessStatusCode && (await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("Degraded");
        }, "readiness reports the broker outage as degraded");

        await broker.StartAsync();
        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == during.Id),
            "the event written during the outage is applied", TimeSpan.FromSeconds(60));
        Assert.Equal([1L, 2], (await service.AppliedEventsAsync()).Select(a => a.AggregateVersion));
    }
}
