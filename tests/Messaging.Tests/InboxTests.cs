using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Messaging.Tests;

public sealed record DuplicateSampleRecorded : IntegrationEvent;

public sealed class DuplicateSampleHandler(TestDbContext db) : RecordingHandler<DuplicateSampleRecorded>(db);

public sealed class InboxTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_message_delivered_twice_changes_the_state_once()
    {
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "inbox",
            messaging => messaging.AddIntegrationEventHandler<DuplicateSampleHandler>());
        var deliveries = new ConsumedMessages();
        service.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        var sample = new DuplicateSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };

        await service.WriteAsync(db => db.AddIntegrationEvent(sample));
        await Eventually.HoldsAsync(() => Task.FromResult(deliveries.Count(sample.Id) == 1), "the event is consumed once");
        // What a relay that crashed between the broker's confirm and its own commit leaves behind: a sent row marked unsent.
        await service.ReadAsync(db => db.Outbox.Where(m => m.MessageId == sample.Id)
            .ExecuteUpdateAsync(row => row.SetProperty(m => m.SentAt, (DateTimeOffset?)null), TestContext.Current.CancellationToken));
        await Eventually.HoldsAsync(() => Task.FromResult(deliveries.Count(sample.Id) == 2), "the relay publishes the event again");

        Assert.Single(await service.AppliedEventsAsync(), a => a.EventId == sample.Id);
        Assert.Single(await service.ReadAsync(db => db.Inbox.Where(i => i.MessageId == sample.Id).ToListAsync(TestContext.Current.CancellationToken)));
    }
}
