using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Messaging.Tests;

public sealed record BatchedSampleRecorded : IntegrationEvent
{
    public bool Poison { get; init; }
}

public sealed class BatchedSampleHandler(TestDbContext db) : RecordingHandler<BatchedSampleRecorded>(db)
{
    public override Task HandleAsync(BatchedSampleRecorded message, CancellationToken cancellationToken) =>
        message.Poison ? throw new InvalidOperationException("This message cannot be applied.") : base.HandleAsync(message, cancellationToken);
}

public sealed class InboxBatchTests(InfrastructureFixture infrastructure)
{
    private static BatchedSampleRecorded[] Samples(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new BatchedSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 })];

    // Rows written by one transaction share its id (xmin): fewer distinct ones than rows means messages shared commits.
    private static Task<long> CommitsAsync(MessagingTestHost service) =>
        service.ReadAsync(db => db.Database.SqlQueryRaw<long>("""SELECT count(DISTINCT xmin::text)::bigint AS "Value" FROM applied_events""")
            .SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>A service with <see cref="BatchedSampleHandler"/> on a database of its own, given the samples in one transaction.</summary>
    private async Task<MessagingTestHost> StartAndWriteAsync(string purpose, BatchedSampleRecorded[] samples)
    {
        var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, purpose,
            messaging => messaging.AddIntegrationEventHandler<BatchedSampleHandler>());
        await service.WriteAsync(db =>
        {
            foreach (var sample in samples)
            {
                db.AddIntegrationEvent(sample);
            }
        });
        return service;
    }

    [Fact]
    public async Task Messages_that_arrive_together_are_applied_once_each_in_fewer_commits_than_messages()
    {
        var samples = Samples(300);

        await using var service = await StartAndWriteAsync("batch", samples);

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count >= samples.Length, "every message is applied");
        var applied = await service.AppliedEventsAsync();
        Assert.Equal(samples.Select(s => s.Id).Order(), applied.Select(a => a.EventId).Order());
        Assert.Equal(samples.Length, await service.ReadAsync(db => db.Inbox.CountAsync(TestContext.Current.CancellationToken)));
        Assert.InRange(await CommitsAsync(service), 1, samples.Length - 1);
    }

    [Fact]
    public async Task A_message_that_cannot_be_applied_fails_alone_and_the_rest_of_its_batch_is_applied()
    {
        var samples = Samples(100);
        var poison = samples[50] = samples[50] with { Poison = true };

        await using var service = await StartAndWriteAsync("batchpoison", samples);

        var queue = service.QueueOf<BatchedSampleHandler>();
        await Eventually.HoldsAsync(async () => (await service.ErrorQueueAsync(queue)).MessageCount == 1, "the poison message is in the error queue");
        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Count >= samples.Length - 1, "every other message is applied");
        Assert.Equal(poison.Id.ToString(), Assert.Single((await service.ErrorQueueAsync(queue)).Messages).MessageId);
        Assert.Equal(samples.Where(s => !s.Poison).Select(s => s.Id).Order(), (await service.AppliedEventsAsync()).Select(a => a.EventId).Order());
        Assert.False(await service.ReadAsync(db => db.Inbox.AnyAsync(i => i.MessageId == poison.Id, TestContext.Current.CancellationToken)));
    }
}
