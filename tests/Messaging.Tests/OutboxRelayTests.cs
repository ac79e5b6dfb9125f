using System.Collections.Concurrent;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Messaging.Tests;

public sealed record RelayedSampleRecorded : IntegrationEvent;

/// <summary>Every delivery as the broker hands it over, one at a time and without an inbox, so that a duplicate shows.</summary>
public sealed class RelayedSampleLog
{
    public ConcurrentQueue<RelayedSampleRecorded> Deliveries { get; } = new();
}

public sealed class RelayedSampleConsumer(RelayedSampleLog log) : IConsumer<RelayedSampleRecorded>
{
    public Task Consume(ConsumeContext<RelayedSampleRecorded> context)
    {
        Assert.Equal(context.Message.Id, context.MessageId);
        log.Deliveries.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

public sealed class OutboxRelayTests(InfrastructureFixture infrastructure)
{
    private const int Aggregates = 20;
    private const int VersionsPerAggregate = 25;

    [Fact]
    public async Task Two_relays_on_one_outbox_send_every_message_exactly_once_and_each_aggregate_in_order()
    {
        var database = await infrastructure.CreateDatabaseAsync("relays");
        await TestDbContext.CreateSchemaAsync(database);
        var log = new RelayedSampleLog();
        var serviceName = MessagingTestHost.UniqueServiceName("relays");
        await using var first = await MessagingTestHost.StartAsync(database, infrastructure.RabbitMqConnectionString, serviceName,
            messaging => messaging.Bus.AddConsumer<RelayedSampleConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1),
            services => services.AddSingleton(log));
        await using var second = await MessagingTestHost.StartAsync(database, infrastructure.RabbitMqConnectionString, serviceName);

        // Writers on both instances wake both relays; each aggregate's versions are written one after another.
        await Task.WhenAll(Enumerable.Range(0, Aggregates).Select(_ => Task.Run(async () =>
        {
            var aggregate = Guid.NewGuid();
            for (var version = 1; version <= VersionsPerAggregate; version++)
            {
                var sample = new RelayedSampleRecorded { AggregateId = aggregate, AggregateVersion = version };
                await (version % 2 == 0 ? first : second).WriteAsync(db => db.AddIntegrationEvent(sample));
            }
        }, TestContext.Current.CancellationToken)));
        await Eventually.HoldsAsync(() => first.ReadAsync(db => db.Outbox.AllAsync(m => m.SentAt != null, TestContext.Current.CancellationToken)),
            "every outbox row is marked sent");
        // The queue is first in, first out and consumed one message at a time: once the last message is in, so is any duplicate before it.
        var last = new RelayedSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };
        await first.WriteAsync(db => db.AddIntegrationEvent(last));
        await Eventually.HoldsAsync(() => Task.FromResult(log.Deliveries.Any(d => d.Id == last.Id)), "the last message is consumed");

        var deliveries = log.Deliveries.Where(d => d.Id != last.Id).ToList();
        Assert.Equal(Aggregates * VersionsPerAggregate, deliveries.Count);
        Assert.Equal(deliveries.Count, deliveries.DistinctBy(d => d.Id).Count());
        Assert.All(deliveries.GroupBy(d => d.AggregateId), aggregate =>
            Assert.Equal(Enumerable.Range(1, VersionsPerAggregate).Select(v => (long)v), aggregate.Select(d => d.AggregateVersion)));
    }
}
