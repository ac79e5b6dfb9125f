using System.Net;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

/// <summary>What the service publishes, as it arrives on the broker, and the snapshot that stands for it.</summary>
public sealed class MessagesTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task An_event_publishes_its_life_from_scheduled_to_concluded_without_personal_data()
    {
        using var organizer = app.OrganizerClient();
        var draft = await organizer.CreateEventAsync(BeltAndRoad2016(capacity: 1));
        var open = await organizer.ChangeStatusAsync(draft, EventStatus.OpenForRegistration);
        var session = await organizer.CreateActivityAsync(open.Id, MatchmakingSession());
        using var client = app.Anonymous();
        var first = await app.RegisteredAsync(open.Id, Person(country: "CHN", city: "Chengdu"));
        var second = await app.RegisteredAsync(open.Id, Person(country: "KAZ", city: "Almaty", organization: "Akimat of Almaty"));
        var third = await app.RegisteredAsync(open.Id, Person(country: "AUT", city: "Vienna", organization: "Danube Capital", kind: ParticipantKind.Investor));
        await client.CancelAsync(open.Id, first);
        // Second now holds the seat; widen the event so that third gets one too.
        var grown = await organizer.GetAsync<EventResponse>($"{Root}/events/{open.Id}");
        using (var grow = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{open.Id}", grown.Details with { Capacity = 5 }, ETags.For(grown.Version))))
        {
            await grow.AssertStatusAsync(HttpStatusCode.OK);
        }
        var meetingId = Guid.NewGuid();
        using (var request = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/meetings",
            new RequestMeetingRequest(meetingId, null, third.Id, MeetingKind.CityToBusiness)).As(second)))
        {
            await request.AssertStatusAsync(HttpStatusCode.Created);
        }
        foreach (var (path, body, by) in new (string, object?, Registered)[]
        {
            ("accept", null, third),
            ("schedule", new ScheduleMeetingRequest(session.Id, null, null), second),
            ("outcome", new RecordOutcomeRequest(MeetingOutcome.AgreementInPreparation, null), third),
        })
        {
            using var response = await client.CallAsync((body is null
                ? new HttpRequestMessage(HttpMethod.Post, $"{Root}/events/{open.Id}/meetings/{meetingId}/{path}")
                : Json(HttpMethod.Post, $"{Root}/events/{open.Id}/meetings/{meetingId}/{path}", body)).As(by));
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        var current = await organizer.GetAsync<EventResponse>($"{Root}/events/{open.Id}");
        await organizer.ChangeStatusAsync(current, EventStatus.Concluded);

        var messages = app.Messages;
        var scheduled = await messages.WaitForAsync<EventScheduled>(m => m.EventId == open.Id, count: 3);
        Assert.Equal([EventStatus.Draft, EventStatus.OpenForRegistration, EventStatus.OpenForRegistration],
            scheduled.OrderBy(m => m.AggregateVersion).Select(m => m.Status));
        Assert.Equal((5, "AUT", new ReportedFigure(450, FigureQualifier.MoreThan)),
            (scheduled.MaxBy(m => m.AggregateVersion)!.Capacity, scheduled[0].VenueCountry, scheduled[0].Reported.Participants));

        var confirmed = await messages.WaitForAsync<RegistrationConfirmed>(m => m.EventId == open.Id, count: 3);
        Assert.Equal([(first.Id, false), (second.Id, true), (third.Id, true)],
            confirmed.OrderBy(m => m.OccurredAt).Select(m => (m.Participant.ParticipantId, m.PromotedFromWaitlist)));
        Assert.Equal(new ParticipantFacts(second.Id, ParticipantKind.CityRepresentative, "KAZ", "Almaty", null, "Akimat of Almaty"),
            confirmed.Single(m => m.Participant.ParticipantId == second.Id).Participant);
        var cancelled = Assert.Single(await messages.WaitForAsync<RegistrationCancelled>(m => m.EventId == open.Id));
        // Version 3: the seat was held (1), confirmed with the address (2), then cancelled.
        Assert.Equal((first.Id, true, 3L), (cancelled.Participant.ParticipantId, cancelled.WasConfirmed, cancelled.AggregateVersion));

        Assert.Single(await messages.WaitForAsync<MeetingRequested>(m => m.MeetingId == meetingId));
        var meeting = Assert.Single(await messages.WaitForAsync<MeetingScheduled>(m => m.MeetingId == meetingId));
        Assert.Equal((session.Id, session.Details.StartsAt, 1), (meeting.SessionId, meeting.StartsAt, meeting.Table));
        var outcome = Assert.Single(await messages.WaitForAsync<MeetingOutcomeRecorded>(m => m.MeetingId == meetingId));
        Assert.Equal((MeetingOutcome.AgreementInPreparation, second.Id, third.Id), (outcome.Outcome, outcome.Requester.ParticipantId, outcome.Invitee.ParticipantId));

        var concluded = Assert.Single(await messages.WaitForAsync<EventConcluded>(m => m.EventId == open.Id));
        Assert.Equal(new EventCounts(Participants: 2, Organizations: 2, Cities: 2, Countries: 2, Activities: 1, Exhibitors: 0,
            MeetingsRequested: 1, MeetingsScheduled: 1, MeetingsHeld: 1, Leads: 0, AgreementsInPreparation: 1, LinkedProjects: 0), concluded.Counts);
        Assert.Equal(["AUT", "KAZ"], concluded.ParticipantCountries);

        var published = JsonSerializer.Serialize<IEnumerable<IntegrationEvent>>([.. messages.Of<IntegrationEvent>(m => true)], ApiDefaults.JsonOptions);
        foreach (var person in new[] { first, second, third })
        {
            Assert.DoesNotContain(person.Person.Email, published, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Person.Name, published, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_snapshots_give_each_aggregate_as_its_latest_message_to_admins_only()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 1);
        using var client = app.Anonymous();
        var seated = await app.RegisteredAsync(open.Id);
        var waiting = await app.RegisteredAsync(open.Id);
        var leaving = await app.RegisteredAsync(open.Id);
        await client.CancelAsync(open.Id, leaving);

        using var admin = app.Client("ops", PlatformScopes.PlatformAdmin);
        var events = await admin.GetAsync<List<JsonElement>>($"{Root}/admin/snapshot/events");
        var registrations = await admin.GetAsync<List<JsonElement>>($"{Root}/admin/snapshot/registrations");

        var state = events.Single(e => e.GetProperty("eventId").GetGuid() == open.Id);
        Assert.Equal(("open-for-registration", open.Version), (state.GetProperty("status").GetString(), state.GetProperty("aggregateVersion").GetInt64()));
        var ours = registrations.Where(r => r.GetProperty("eventId").GetGuid() == open.Id).ToList();
        Assert.Equal([seated.Receipt.RegistrationId, leaving.Receipt.RegistrationId],
            ours.Select(r => r.GetProperty("registrationId").GetGuid()).Order());
        Assert.False(ours.Single(r => r.GetProperty("registrationId").GetGuid() == leaving.Receipt.RegistrationId).GetProperty("wasConfirmed").GetBoolean());
        Assert.DoesNotContain(ours, r => r.GetProperty("participant").GetProperty("participantId").GetGuid() == waiting.Id);

        using var forbidden = await organizer.GetAsync($"{Root}/admin/snapshot/events", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
