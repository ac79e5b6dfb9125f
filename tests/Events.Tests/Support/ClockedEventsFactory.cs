using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Events.Tests.Support;

/// <summary>A clock the test moves, for holds that expire.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}

/// <summary>
/// The events service on a <see cref="ManualClock"/>. Its hold sweeper's timer is set to an hour so that it never runs by itself
/// during a test: a test that wants a sweep calls it, so that what lapses at the next registration and what the sweeper does are
/// told apart.
/// </summary>
public sealed class ClockedEventsFactory : ServiceFactory<Program, EventsDbContext>
{
    public ClockedEventsFactory(InfrastructureFixture infrastructure)
        : base(infrastructure, "events", PublishedMessages.InNamespaceOf<EventScheduled>())
    {
        Settings["Events:Holds:SweepInterval"] = "01:00:00";
    }

    public ManualClock Clock { get; } = new();

    public HttpClient OrganizerClient() => Client(EventsFactory.Organizer, "events.write", "events.read");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
