using System.Collections.Concurrent;
using System.Net.Http.Json;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CooperationPlatform.Messaging.Tests;

public sealed record DeadLetterSampleRecorded : IntegrationEvent;

public sealed class DeadLetterSampleHandler(TestDbContext db) : RecordingHandler<DeadLetterSampleRecorded>(db);

/// <summary>Keeps the errors the service logs, to check what an operator would read.</summary>
public sealed class LoggedErrors : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LoggedErrors errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Messages.Enqueue(formatter(state, exception));
            }
        }
    }
}

public sealed class OutboxDeadLetterTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Outbox_rows_that_cannot_be_loaded_are_dead_lettered_with_their_reason_and_their_aggregate_s_later_rows_are_published()
    {
        var logged = new LoggedErrors();
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "deadletter",
            messaging => messaging.AddIntegrationEventHandler<DeadLetterSampleHandler>(),
            services => services.AddSingleton<ILoggerProvider>(logged));
        var aggregate = Guid.NewGuid();
        var first = new DeadLetterSampleRecorded { AggregateId = aggregate, AggregateVersion = 1 };
        var last = new DeadLetterSampleRecorded { AggregateId = aggregate, AggregateVersion = 4 };
        // What a release that renamed a message type, or a hand-edited row, leaves behind.
        var unknownType = Row(Guid.NewGuid(), aggregate, "CooperationPlatform.Contracts.Messages.Gone.SampleRemoved, CooperationPlatform.Contracts", "{}");
        var unreadableBody = Row(Guid.NewGuid(), aggregate, $"{typeof(DeadLetterSampleRecorded).FullName}, {typeof(DeadLetterSampleRecorded).Assembly.GetName().Name}", "[1, 2, 3]");

        // One commit each, so that the rows' sequence is the aggregate's order.
        await service.WriteAsync(db => db.AddIntegrationEvent(first));
        await service.WriteAsync(db => db.Outbox.Add(unknownType));
        await service.WriteAsync(db => db.Outbox.Add(unreadableBody));
        await service.WriteAsync(db => db.AddIntegrationEvent(last));

        // Consumers do not promise the order of messages delivered together, so only which ones arrive is asserted.
        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count == 2,
            "the aggregate's messages around the unpublishable rows are applied");
        Assert.Equal([1L, 4], (await service.AppliedEventsAsync()).Select(a => a.AggregateVersion).Order());
        // The relay marks and logs a batch's dead letters when it completes the batch, which may be after row 4 was consumed.
        var deadLetters = await Eventually.ReturnsAsync(
            async () => (await service.Http.GetFromJsonAsync<OutboxDeadLettersResponse>("/admin/messages/outbox/dead-letters",
                TestContext.Current.CancellationToken))!,
            response => response.MessageCount == 2, "both unpublishable rows are listed", response => $"{response.MessageCount} listed");
        Assert.Equal([unknownType.MessageId, unreadableBody.MessageId], deadLetters.Messages.Select(m => m.MessageId));
        Assert.Contains("cannot be loaded", deadLetters.Messages[0].Reason);
        Assert.Contains("cannot be read", deadLetters.Messages[1].Reason);
        Assert.All(deadLetters.Messages, m => Assert.Equal(aggregate, m.AggregateId));
        await Eventually.HoldsAsync(() => Task.FromResult(
                logged.Messages.Any(m => m.Contains(unknownType.MessageId.ToString()) && m.Contains("dead-lettered"))
                && logged.Messages.Any(m => m.Contains(unreadableBody.MessageId.ToString()) && m.Contains("dead-lettered"))),
            "each dead letter is logged as an error");

        // The operator repairs the body and requeues that row alone; the other stays aside.
        var repaired = new DeadLetterSampleRecorded { Id = unreadableBody.MessageId, AggregateId = aggregate, AggregateVersion = 3 };
        await service.ReadAsync(db => db.Outbox.Where(m => m.MessageId == unreadableBody.MessageId).ExecuteUpdateAsync(
            update => update.SetProperty(m => m.Body, System.Text.Json.JsonSerializer.Serialize(repaired, MassTransit.Serialization.SystemTextJsonMessageSerializer.Options)), TestContext.Current.CancellationToken));
        using var requeue = await service.Http.PostAsJsonAsync("/admin/messages/outbox/requeue",
            new OutboxRequeueRequest([unreadableBody.MessageId]), TestContext.Current.CancellationToken);
        requeue.EnsureSuccessStatusCode();
        Assert.Equal(1, (await requeue.Content.ReadFromJsonAsync<OutboxRequeueResponse>(TestContext.Current.CancellationToken))!.Requeued);

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == repaired.Id), "the requeued row is applied");
        var remaining = await service.Http.GetFromJsonAsync<OutboxDeadLettersResponse>("/admin/messages/outbox/dead-letters",
            TestContext.Current.CancellationToken);
        Assert.Equal([unknownType.MessageId], remaining!.Messages.Select(m => m.MessageId));
    }

    private static OutboxMessage Row(Guid messageId, Guid aggregateId, string messageType, string body) => new()
    {
        MessageId = messageId,
        MessageType = messageType,
        Body = body,
        AggregateId = aggregateId,
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
