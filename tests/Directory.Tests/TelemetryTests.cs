using System.Collections.Concurrent;
using System.Diagnostics;
using CooperationPlatform.Directory.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CooperationPlatform.Directory.Tests;

/// <summary>
/// What the service's tracer records of its database work: Npgsql's tracing arrives through Aspire's client integration, and no
/// second registration or instrumentation (EF Core's, say) may record a command again.
/// </summary>
public sealed class TelemetryTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task Each_database_command_is_recorded_once_by_npgsql()
    {
        var cancel = TestContext.Current.CancellationToken;
        var recorded = new ConcurrentQueue<Activity>();
        service.Services.GetRequiredService<TracerProvider>().AddProcessor(new Recorder(recorded));
        // Every host in this process hears Npgsql's source: only this trace counts.
        using var request = new Activity("test request") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
        request.SetIdFormat(ActivityIdFormat.W3C).Start();

        await service.WithDbAsync(async db =>
        {
            await db.Institutions.CountAsync(cancel);
            await db.Listings.AnyAsync(cancel);
            return await db.Memberships.CountAsync(cancel);
        });
        request.Stop();

        var spans = recorded.Where(span => span.TraceId == request.TraceId).ToList();
        Assert.All(spans, span => Assert.Equal("Npgsql", span.Source.Name));
        var commands = spans.Where(span => span.GetTagItem("db.query.text") is not null || span.GetTagItem("db.statement") is not null).ToList();
        Assert.Equal(3, commands.Count);
        Assert.Equal(3, commands.Select(span => span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement")).Distinct().Count());
    }

    private sealed class Recorder(ConcurrentQueue<Activity> recorded) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => recorded.Enqueue(data);
    }
}
