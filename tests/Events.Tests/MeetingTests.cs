using System.Net;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

public sealed class MeetingTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    private sealed record Setup(EventResponse Event, ActivityResponse Session, HttpClient Client);

    private async Task<Setup> OpenWithSessionAsync(int tables = 4)
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        var session = await organizer.CreateActivityAsync(open.Id, MatchmakingSession(day: 18, tables: tables));
        return new Setup(open, session, app.Anonymous());
    }

    private static async Task<MeetingResponse> RequestAsync(Setup setup, Registered requester, Registered invitee, MeetingKind kind = MeetingKind.CityToBusiness)
    {
        using var response = await setup.Client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{setup.Event.Id}/meetings",
            new RequestMeetingRequest(null, null, invitee.Id, kind)).As(requester));
        return await response.ReadAsync<MeetingResponse>(HttpStatusCode.Created);
    }

    private static async Task<MeetingResponse> AcceptedAsync(Setup setup, Registered requester, Registered invitee)
    {
        var requested = await RequestAsync(setup, requester, invitee);
        using var response = await setup.Client.CallAsync(new HttpRequestMessage(HttpMethod.Post,
            $"{Root}/events/{setup.Event.Id}/meetings/{requested.Id}/accept").As(invitee));
        return await response.ReadAsync<MeetingResponse>(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> ScheduleAsync(Setup setup, MeetingResponse meeting, Registered by, DateTimeOffset? startsAt, int? table = null) =>
        setup.Client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{setup.Event.Id}/meetings/{meeting.Id}/schedule",
            new ScheduleMeetingRequest(setup.Session.Id, startsAt, table)).As(by));

    [Fact]
    public async Task A_meeting_goes_from_request_to_a_lead_linked_to_a_project_and_shows_in_both_agendas()
    {
        var setup = await OpenWithSessionAsync();
        var city = await app.RegisteredAsync(setup.Event.Id, Person(kind: ParticipantKind.CityRepresentative));
        var investor = await app.RegisteredAsync(setup.Event.Id, Person(country: "AUT", city: "Vienna", organization: "Danube Capital", kind: ParticipantKind.Investor));

        var accepted = await AcceptedAsync(setup, city, investor);
        using var scheduled = await ScheduleAsync(setup, accepted, city, startsAt: null);
        var meeting = await scheduled.ReadAsync<MeetingResponse>(HttpStatusCode.OK);
        Assert.Equal((MeetingStatus.Scheduled, setup.Session.Details.StartsAt, 1), (meeting.Status, meeting.StartsAt, meeting.Table));

        using var outcome = await setup.Client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{setup.Event.Id}/meetings/{meeting.Id}/outcome",
            new RecordOutcomeRequest(MeetingOutcome.Lead, null)).As(investor));
        Assert.Equal(MeetingOutcome.Lead, (await outcome.ReadAsync<MeetingResponse>(HttpStatusCode.OK)).Outcome);
        var project = Guid.NewGuid();
        using var linked = await setup.Client.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{setup.Event.Id}/meetings/{meeting.Id}/linked-project",
            new LinkProjectRequest(project)).As(city));
        Assert.Equal(project, (await linked.ReadAsync<MeetingResponse>(HttpStatusCode.OK)).LinkedProjectId);

        foreach (var (self, other) in new[] { (city, investor), (investor, city) })
        {
            using var response = await setup.Client.CallAsync(new HttpRequestMessage(HttpMethod.Get,
                $"{Root}/events/{setup.Event.Id}/participants/{self.Id}/agenda").As(self));
            var item = Assert.Single((await response.ReadAsync<AgendaResponse>(HttpStatusCode.OK)).Items);
            Assert.Equal((meeting.Id, other.Id, other.Person.Name), (item.MeetingId, item.With!.ParticipantId, item.With.Name));
        }
        var counts = await setup.Client.GetAsync<EventCountsResponse>($"{Root}/events/{setup.Event.Id}/counts");
        Assert.Equal((1, 1, 1, 1, 1), (counts.Counted.MeetingsRequested, counts.Counted.MeetingsScheduled, counts.Counted.MeetingsHeld,
            counts.Counted.Leads, counts.Counted.LinkedProjects));
    }

    [Fact]
    public async Task Two_concurrent_schedules_of_one_participant_into_one_slot_give_one_success_and_one_409()
    {
        var setup = await OpenWithSessionAsync();
        var slots = await setup.Client.GetAsync<List<SlotResponse>>($"{Root}/events/{setup.Event.Id}/activities/{setup.Session.Id}/slots");
        foreach (var slot in slots.Take(4))
        {
            var busy = await app.RegisteredAsync(setup.Event.Id);
            var first = await app.RegisteredAsync(setup.Event.Id);
            var second = await app.RegisteredAsync(setup.Event.Id);
            var withFirst = await AcceptedAsync(setup, busy, first);
            var withSecond = await AcceptedAsync(setup, second, busy);

            using var start = new ManualResetEventSlim();
            var attempts = new[] { (withFirst, first), (withSecond, second) }.Select(m => Task.Run(async () =>
            {
                start.Wait();
                return await ScheduleAsync(setup, m.Item1, m.Item2, slot.StartsAt);
            })).ToList();
            start.Set();
            var responses = await Task.WhenAll(attempts);

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            await refused.AssertProblemAsync(HttpStatusCode.Conflict);
            using var agenda = await setup.Client.CallAsync(new HttpRequestMessage(HttpMethod.Get,
                $"{Root}/events/{setup.Event.Id}/participants/{busy.Id}/agenda").As(busy));
            Assert.Single((await agenda.ReadAsync<AgendaResponse>(HttpStatusCode.OK)).Items, i => i.StartsAt == slot.StartsAt);
        }
    }

    [Fact]
    public async Task A_taken_table_is_a_409_when_asked_for_and_the_next_free_slot_when_left_open()
    {
        var setup = await OpenWithSessionAsync(tables: 1);
        var people = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.RegisteredAsync(setup.Event.Id)));
        var one = await AcceptedAsync(setup, people[0], people[1]);
        var two = await AcceptedAsync(setup, people[2], people[3]);
        var first = setup.Session.Details.StartsAt;

        using var taken = await ScheduleAsync(setup, one, people[0], first, table: 1);
        await taken.AssertStatusAsync(HttpStatusCode.OK);
        using var sameTable = await ScheduleAsync(setup, two, people[2], first, table: 1);
        await sameTable.AssertProblemAsync(HttpStatusCode.Conflict);
        using var anySlot = await ScheduleAsync(setup, two, people[2], startsAt: null);
        Assert.Equal(first.AddMinutes(30), (await anySlot.ReadAsync<MeetingResponse>(HttpStatusCode.OK)).StartsAt);

        var slots = await setup.Client.GetAsync<List<SlotResponse>>($"{Root}/events/{setup.Event.Id}/activities/{setup.Session.Id}/slots");
        Assert.Equal([0, 0, 1, 1, 1, 1], slots.Select(s => s.FreeTables));
    }

    [Fact]
    public async Task Only_the_invitee_answers_and_only_an_accepted_meeting_is_scheduled()
    {
        var setup = await OpenWithSessionAsync();
        var requester = await app.RegisteredAsync(setup.Event.Id);
        var invitee = await app.RegisteredAsync(setup.Event.Id);
        var outsider = await app.RegisteredAsync(setup.Event.Id);
        var requested = await RequestAsync(setup, requester, invitee, MeetingKind.CityToCity);

        using var byRequester = await setup.Client.CallAsync(new HttpRequestMessage(HttpMethod.Post,
            $"{Root}/events/{setup.Event.Id}/meetings/{requested.Id}/accept").As(requester));
        await byRequester.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var byOutsider = await setup.Client.CallAsync(new HttpRequestMessage(HttpMethod.Get,
            $"{Root}/events/{setup.Event.Id}/meetings/{requested.Id}").As(outsider));
        await byOutsider.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var early = await ScheduleAsync(setup, requested, requester, startsAt: null);
        await early.AssertProblemAsync(HttpStatusCode.Conflict);

        using var declined = await setup.Client.CallAsync(new HttpRequestMessage(HttpMethod.Post,
            $"{Root}/events/{setup.Event.Id}/meetings/{requested.Id}/decline").As(invitee));
        Assert.Equal(MeetingStatus.Declined, (await declined.ReadAsync<MeetingResponse>(HttpStatusCode.OK)).Status);
        using var late = await ScheduleAsync(setup, requested, requester, startsAt: null);
        await late.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_slots_sessions_and_requests_are_400s()
    {
        var setup = await OpenWithSessionAsync();
        var requester = await app.RegisteredAsync(setup.Event.Id);
        var invitee = await app.RegisteredAsync(setup.Event.Id);
        var accepted = await AcceptedAsync(setup, requester, invitee);

        using var offGrid = await ScheduleAsync(setup, accepted, requester, setup.Session.Details.StartsAt.AddMinutes(10));
        await offGrid.AssertProblemAsync(HttpStatusCode.BadRequest, "startsAt");
        using var outsideTheEvent = await ScheduleAsync(setup, accepted, requester, setup.Session.Details.StartsAt.AddDays(30));
        await outsideTheEvent.AssertProblemAsync(HttpStatusCode.BadRequest, "startsAt");
        using var noTable = await ScheduleAsync(setup, accepted, requester, setup.Session.Details.StartsAt, table: 5);
        await noTable.AssertProblemAsync(HttpStatusCode.BadRequest, "table");
        using var organizer = app.OrganizerClient();
        var forum = await organizer.CreateActivityAsync(setup.Event.Id, Forum());
        using var notASession = await setup.Client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{setup.Event.Id}/meetings/{accepted.Id}/schedule",
            new ScheduleMeetingRequest(forum.Id, null, null)).As(requester));
        await notASession.AssertProblemAsync(HttpStatusCode.BadRequest, "sessionId");
        using var withSelf = await setup.Client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{setup.Event.Id}/meetings",
            new RequestMeetingRequest(null, null, requester.Id, MeetingKind.BusinessToBusiness)).As(requester));
        await withSelf.AssertProblemAsync(HttpStatusCode.BadRequest, "inviteeId");
        using var unknown = await setup.Client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{setup.Event.Id}/meetings",
            new RequestMeetingRequest(null, null, Guid.NewGuid(), MeetingKind.BusinessToBusiness)).As(requester));
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "inviteeId");
    }

    [Fact]
    public async Task Cancelling_a_registration_frees_the_slots_of_the_meetings_not_yet_held()
    {
        var setup = await OpenWithSessionAsync(tables: 1);
        var people = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.RegisteredAsync(setup.Event.Id)));
        var meeting = await AcceptedAsync(setup, people[0], people[1]);
        using var scheduled = await ScheduleAsync(setup, meeting, people[0], setup.Session.Details.StartsAt);
        await scheduled.AssertStatusAsync(HttpStatusCode.OK);

        await setup.Client.CancelAsync(setup.Event.Id, people[1]);

        var next = await AcceptedAsync(setup, people[0], people[2]);
        using var reuse = await ScheduleAsync(setup, next, people[0], setup.Session.Details.StartsAt, table: 1);
        await reuse.AssertStatusAsync(HttpStatusCode.OK);
    }
}
