using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CooperationPlatform.Messaging.Tests;

public sealed record DatabaseOutageSampleRecorded : IntegrationEvent;

public sealed class DatabaseOutageSampleHandler(TestDbContext db) : RecordingHandler<DatabaseOutageSampleRecorded>(db);

public sealed class ConsumerDatabaseOutageTests(InfrastructureFixture infrastructure)
{
    // The ordinary retries of the test host (two, at most 200 ms apart) are used up in well under a second: an outage this long
    // would put every message in the error queue if it counted as a handler's failure.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Messages_that_arrive_while_the_consumer_database_is_unreachable_are_each_applied_once_when_it_returns_and_none_goes_to_the_error_queue()
    {
        var database = await infrastructure.CreateDatabaseAsync("dboutage");
        await TestDbContext.CreateSchemaAsync(database);
        var (proxy, throughProxy) = DatabaseProxy.Start(database);
        await using var _ = proxy;
        await using var service = await MessagingTestHost.StartAsync(throughProxy, infrastructure.RabbitMqConnectionString,
            MessagingTestHost.UniqueServiceName("dboutage"),
            messaging => messaging.AddIntegrationEventHandler<DatabaseOutageSampleHandler>(),
            // Long enough to outlast the outage (about 20 s: 100 ms doubling to 500 ms, 40 times), short enough for a test.
            services => services.Configure<MessagingOptions>(options =>
            {
                options.Consumers.TransientRetryLimit = 40;
                options.Consumers.TransientRetryMinInterval = TimeSpan.FromMilliseconds(100);
                options.Consumers.TransientRetryMaxInterval = TimeSpan.FromMilliseconds(500);
                options.Consumers.TransientRetryIntervalDelta = TimeSpan.FromMilliseconds(100);
            }));
        var queue = service.QueueOf<DatabaseOutageSampleHandler>();
        var messages = Enumerable.Range(0, 4).SelectMany(_ =>
        {
            var aggregate = Guid.NewGuid();
            return Enumerable.Range(1, 3).Select(version => new DatabaseOutageSampleRecorded { AggregateId = aggregate, AggregateVersion = version });
        }).ToList();

        proxy.Cut();
        var refusedBefore = proxy.Refused;
        // Straight to the broker: the service's own outbox is behind the same outage.
        var bus = service.Services.GetRequiredService<IBus>();
        foreach (var message in messages)
        {
            await bus.Publish(message, TestContext.Current.CancellationToken);
        }
        await Eventually.HoldsAsync(() => Task.FromResult(proxy.Refused > refusedBefore), "the consumer tries to reach its database");
        await Task.Delay(Outage, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await service.ErrorQueueAsync(queue)).MessageCount);
        proxy.Restore();

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count >= messages.Count,
            "every message is applied once the database is back");
        var applied = await service.AppliedEventsAsync();
        Assert.Equal(messages.Select(m => m.Id).Order(), applied.Select(a => a.EventId).Order());
        Assert.Equal(messages.Count, await service.ReadAsync(db => db.Inbox.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(0, (await service.ErrorQueueAsync(queue)).MessageCount);
    }

    [Fact]
    public void Connection_failures_and_transient_server_states_are_the_database_s_and_other_errors_are_the_handler_s()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));
        var shutdown = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        var uniqueViolation = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505");

        Assert.True(TransientDatabaseErrors.IsTransient(refused));
        Assert.True(TransientDatabaseErrors.IsTransient(shutdown));
        Assert.True(TransientDatabaseErrors.IsTransient(new DbUpdateException("An error occurred while saving the entity changes.", refused)));
        Assert.True(TransientDatabaseErrors.IsTransient(new AggregateException(new InvalidOperationException("other"), shutdown)));
        Assert.False(TransientDatabaseErrors.IsTransient(uniqueViolation));
        Assert.False(TransientDatabaseErrors.IsTransient(new DbUpdateException("An error occurred while saving the entity changes.", uniqueViolation)));
        Assert.False(TransientDatabaseErrors.IsTransient(new InvalidOperationException("The handler is broken on purpose.")));
        Assert.False(TransientDatabaseErrors.IsTransient(new TimeoutException("Not the database's.")));
    }

    [Fact]
    public void The_default_retry_for_an_unreachable_database_outlasts_a_minute_and_ends_well_inside_the_broker_s_consumer_timeout()
    {
        var options = new ConsumerOptions();
        var policy = Assert.IsType<MassTransit.RetryPolicies.ExponentialRetryPolicy>(Retry.Exponential(
            options.TransientRetryLimit, options.TransientRetryMinInterval, options.TransientRetryMaxInterval, options.TransientRetryIntervalDelta));
        var total = TimeSpan.FromTicks(Enumerable.Range(0, options.TransientRetryLimit).Sum(i => policy.GetRetryInterval(i).Ticks));

        // RabbitMQ's consumer_timeout (30 minutes by default) counts from delivery; a message may wait behind another's retries in
        // its partition before retrying as long itself, so twice the schedule must fit.
        Assert.InRange(total, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(14));
    }
}
