using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Messaging.Tests;

public sealed record RollbackSampleRecorded : IntegrationEvent;

public sealed class RollbackSampleHandler(TestDbContext db) : RecordingHandler<RollbackSampleRecorded>(db);

public sealed class OutboxRollbackTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_rolled_back_transaction_sends_nothing()
    {
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "rollback",
            messaging => messaging.AddIntegrationEventHandler<RollbackSampleHandler>());
        var aggregate = Guid.NewGuid();
        var rolledBack = new RollbackSampleRecorded { AggregateId = aggregate, AggregateVersion = 1 };
        var committed = new RollbackSampleRecorded { AggregateId = aggregate, AggregateVersion = 2 };

        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            db.AddIntegrationEvent(rolledBack);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }
        // The same aggregate's next event is published after anything written before it, so once it is applied the first would be too.
        await service.WriteAsync(db => db.AddIntegrationEvent(committed));

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == committed.Id),
            "the committed event is applied");
        Assert.Equal([committed.Id], (await service.AppliedEventsAsync()).Select(a => a.EventId));
        Assert.False(await service.ReadAsync(db => db.Outbox.AnyAsync(m => m.MessageId == rolledBack.Id, TestContext.Current.CancellationToken)));
    }
}
