using System.Diagnostics;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging.Tests.Support;
using CooperationPlatform.ServiceDefaults.Telemetry;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Messaging.Tests;

public sealed record TracedSampleRecorded : IntegrationEvent;

public sealed class TracedSampleHandler(TestDbContext db) : RecordingHandler<TracedSampleRecorded>(db);

public sealed class TraceContextTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_consumer_continues_the_trace_of_the_write()
    {
        // What OpenTelemetry does in a service: listen to the platform's and MassTransit's sources.
        using var listener = Listen(PlatformActivity.Name, "MassTransit");
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "trace",
            messaging => messaging.AddIntegrationEventHandler<TracedSampleHandler>());
        var sample = new TracedSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };

        ActivityTraceId writerTrace;
        using (var request = PlatformActivity.Source.StartActivity("POST /samples", ActivityKind.Server))
        {
            writerTrace = request!.TraceId;
            await service.WriteAsync(db => db.AddIntegrationEvent(sample));
        }

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == sample.Id), "the event is applied");
        var row = await service.ReadAsync(db => db.Outbox.SingleAsync(m => m.MessageId == sample.Id, TestContext.Current.CancellationToken));
        Assert.StartsWith($"00-{writerTrace.ToHexString()}-", row.TraceParent);
        Assert.Equal(writerTrace.ToHexString(), Assert.Single(await service.AppliedEventsAsync()).TraceId);
    }
    [Fact]
    public async Task A_trace_state_too_long_to_keep_is_dropped_and_the_write_succeeds()
    {
        using var listener = Listen(PlatformActivity.Name);
        await using var service = await MessagingTestHost.StartIsolatedAsync(infrastructure, "tracestate",
            messaging => messaging.AddIntegrationEventHandler<TracedSampleHandler>());
        var sample = new TracedSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };

        using (var request = PlatformActivity.Source.StartActivity("POST /samples", ActivityKind.Server))
        {
            request!.TraceStateString = string.Join(',', Enumerable.Range(0, 32).Select(i => $"vendor{i}=" + new string('x', 20)));
            await service.WriteAsync(db => db.AddIntegrationEvent(sample));
        }

        await Eventually.HoldsAsync(async () => (await service.AppliedEventsAsync()).Any(a => a.EventId == sample.Id), "the event is applied");
        var row = await service.ReadAsync(db => db.Outbox.SingleAsync(m => m.MessageId == sample.Id, TestContext.Current.CancellationToken));
        Assert.NotNull(row.TraceParent);
        Assert.Null(row.TraceState);
    }

    private static ActivityListener Listen(params string[] sources)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
