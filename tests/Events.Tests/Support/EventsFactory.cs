using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Events.Tests.Support;

/// <summary>The events service, its organizer's client, and what it publishes recorded in <see cref="ServiceFactory{TProgram, TDbContext}.Messages"/>.</summary>
public sealed class EventsFactory(InfrastructureFixture infrastructure)
    : ServiceFactory<Program, EventsDbContext>(infrastructure, "events", PublishedMessages.InNamespaceOf<EventScheduled>())
{
    public const string Organizer = "organizer-a";

    /// <summary>The organizer's client: events.write and events.read for <see cref="Organizer"/>.</summary>
    public HttpClient OrganizerClient() => Client(Organizer, PlatformScopes.EventsWrite, PlatformScopes.EventsRead);

    public HttpClient Anonymous() => Client();
}
