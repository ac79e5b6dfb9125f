using System.Net.Http.Json;
using System.Text;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace CooperationPlatform.Messaging.Tests;

public sealed record FailingSampleRecorded : IntegrationEvent;

public sealed record PoisonSampleRecorded : IntegrationEvent;

/// <summary>Fails every attempt while <see cref="Broken"/>, as a handler with a bug would, until the fix is deployed.</summary>
public sealed class HandlerFault
{
    private int _attempts;
    public volatile bool Broken = true;
    public int Attempts => _attempts;
    public void Attempt() => Interlocked.Increment(ref _attempts);
}

public sealed class FailingSampleHandler(TestDbContext db, HandlerFault fault) : RecordingHandler<FailingSampleRecorded>(db)
{
    public override Task HandleAsync(FailingSampleRecorded message, CancellationToken cancellationToken)
    {
        fault.Attempt();
        return fault.Broken ? throw new InvalidOperationException("The handler is broken on purpose.") : base.HandleAsync(message, cancellationToken);
    }
}

public sealed class PoisonSampleHandler(TestDbContext db) : RecordingHandler<PoisonSampleRecorded>(db);

public sealed class ErrorQueueTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_error_queue_endpoints_need_the_platform_admin_scope()
    {
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "admin");
        using var anonymous = new HttpClient { BaseAddress = service.Http.BaseAddress };
        using var partner = new HttpClient { BaseAddress = service.Http.BaseAddress };
        partner.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            TestTokens.Create("partner", ["directory.write"], [MessagingTestHost.Audience]));

        using var list = await anonymous.GetAsync("/admin/messages/errors", TestContext.Current.CancellationToken);
        using var replay = await anonymous.PostAsJsonAsync("/admin/messages/replay", new ReplayRequest(null, null), TestContext.Current.CancellationToken);
        using var forbidden = await partner.GetAsync("/admin/messages/errors", TestContext.Current.CancellationToken);
        using var allowed = await service.Http.GetAsync("/admin/messages/errors", TestContext.Current.CancellationToken);
        using var deadLetters = await anonymous.GetAsync("/admin/messages/outbox/dead-letters", TestContext.Current.CancellationToken);
        using var requeue = await partner.PostAsJsonAsync("/admin/messages/outbox/requeue", new OutboxRequeueRequest(null), TestContext.Current.CancellationToken);
        using var deadLettersAllowed = await service.Http.GetAsync("/admin/messages/outbox/dead-letters", TestContext.Current.CancellationToken);

        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, System.Net.HttpStatusCode.Unauthorized, System.Net.HttpStatusCode.Forbidden, System.Net.HttpStatusCode.OK),
            (list.StatusCode, replay.StatusCode, forbidden.StatusCode, allowed.StatusCode));
        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, System.Net.HttpStatusCode.Forbidden, System.Net.HttpStatusCode.OK),
            (deadLetters.StatusCode, requeue.StatusCode, deadLettersAllowed.StatusCode));
    }

    [Fact]
    public async Task A_handler_that_always_throws_ends_in_the_error_queue_and_a_replay_after_the_fix_applies_it()
    {
        var fault = new HandlerFault();
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "errors",
            messaging => messaging.AddIntegrationEventHandler<FailingSampleHandler>(),
            services => services.AddSingleton(fault));
        var queue = service.QueueOf<FailingSampleHandler>();
        var sample = new FailingSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };

        await service.WriteAsync(db => db.AddIntegrationEvent(sample));

        await Eventually.HoldsAsync(async () => (await service.ErrorQueueAsync(queue)).MessageCount == 1, "the message is in the error queue");
        var failed = Assert.Single((await service.ErrorQueueAsync(queue)).Messages);
        Assert.Equal(sample.Id.ToString(), failed.MessageId);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.ExceptionType);
        Assert.Equal("The handler is broken on purpose.", failed.ExceptionMessage);
        Assert.Contains("MT-Fault-StackTrace", failed.Headers.Keys);
        Assert.Equal(1 + 2, fault.Attempts); // the first delivery and the two retries the test host configures
        Assert.Empty(await service.AppliedEventsAsync());

        fault.Broken = false;
        using var replay = await service.Http.PostAsJsonAsync("/admin/messages/replay", new ReplayRequest(queue, [sample.Id.ToString()]),
            TestContext.Current.CancellationToken);
        replay.EnsureSuccessStatusCode();
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<ReplayResponse>(TestContext.Current.CancellationToken))!.Replayed);

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == sample.Id), "the replayed message is applied");
        Assert.Equal(0, (await service.ErrorQueueAsync(queue)).MessageCount);
    }

    [Fact]
    public async Task A_message_that_cannot_be_deserialized_goes_to_the_error_queue_without_blocking_the_messages_behind_it()
    {
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "poison",
            messaging => messaging.AddIntegrationEventHandler<PoisonSampleHandler>());
        var queue = service.QueueOf<PoisonSampleHandler>();
        var sample = new PoisonSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };

        await PublishRawAsync(queue, "poison-json", "application/vnd.masstransit+json", "{ this is not json");
        await PublishRawAsync(queue, "poison-content-type", "application/x-unknown", "whatever");
        await service.WriteAsync(db => db.AddIntegrationEvent(sample));

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == sample.Id),
            "the message behind the poison ones is applied");
        await Eventually.HoldsAsync(async () => (await service.ErrorQueueAsync(queue)).MessageCount == 2, "both poison messages are in the error queue");
        var poison = (await service.ErrorQueueAsync(queue)).Messages;
        Assert.Equal(["poison-content-type", "poison-json"], poison.Select(m => m.MessageId).Order());
        Assert.All(poison, message => Assert.NotNull(message.ExceptionType));
    }

    private async Task PublishRawAsync(string queue, string messageId, string contentType, string body)
    {
        var broker = RabbitMqAddress.Parse(infrastructure.RabbitMqConnectionString);
        var factory = new ConnectionFactory { HostName = broker.Host, Port = broker.Port, UserName = broker.Username, Password = broker.Password };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), TestContext.Current.CancellationToken);
        var properties = new BasicProperties { MessageId = messageId, ContentType = contentType, Persistent = true };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken);
    }
}
