using System.Net;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

public sealed class RegistrationTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task Registering_again_with_the_same_email_keeps_the_existing_registration_and_sends_no_new_token()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 10);
        using var client = app.Anonymous();
        var first = await app.RegisteredAsync(open.Id);

        using var again = await client.RegisterAsync(open.Id, first.Person with { Email = "  " + first.Person.Email.ToUpperInvariant() + " " });
        await again.AssertStatusAsync(HttpStatusCode.Accepted);

        var mail = await app.MailAsync(open.Id, first.Person.Email);
        Assert.Equal([ParticipantMessageKind.Registered, ParticipantMessageKind.AlreadyRegistered], mail.Select(m => m.Kind));
        Assert.Null(mail[1].Token);
        // The first token still works: a stranger registering the address cannot take it away from its holder.
        var mine = await client.MineAsync(open.Id, first);
        Assert.Equal(first.Receipt.RegistrationId, Assert.Single(mine.Registrations).RegistrationId);
        Assert.Equal(1, (await organizer.GetAsync<EventResponse>($"{Root}/events/{open.Id}")).Seats.Confirmed);
    }

    [Fact]
    public async Task Concurrent_registrations_with_one_email_make_one_registration()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 10);
        using var client = app.Anonymous();
        var person = Person();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.RegisterAsync(open.Id, person)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var mail = await app.MailAsync(open.Id, person.Email);
        Assert.Single(mail, m => m.Kind == ParticipantMessageKind.Registered);
        Assert.Equal(7, mail.Count(m => m.Kind == ParticipantMessageKind.AlreadyRegistered));
        Assert.Single(mail.Select(m => m.ParticipantId).Distinct());
        var seats = (await organizer.GetAsync<EventResponse>($"{Root}/events/{open.Id}")).Seats;
        Assert.Equal((0, 1), (seats.Confirmed, seats.Held));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.org")]
    [InlineData("nodomain@example")]
    [InlineData("")]
    public async Task An_invalid_email_is_a_400_naming_the_field(string email)
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        using var response = await app.Anonymous().RegisterAsync(open.Id, Person(email));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task A_registration_naming_every_invalid_field_at_once_is_one_400()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        using var response = await app.Anonymous().RegisterAsync(open.Id, Person(country: "XXX") with { Name = " " });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "country");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [Theory]
    [InlineData(EventStatus.Closed)]
    [InlineData(EventStatus.Concluded)]
    public async Task Registering_to_an_event_that_is_not_open_is_a_400(EventStatus status)
    {
        using var organizer = app.OrganizerClient();
        var closed = await organizer.ChangeStatusAsync(await organizer.CreateOpenEventAsync(), status);
        using var response = await app.Anonymous().RegisterAsync(closed.Id, Person());
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "eventId");
    }

    [Fact]
    public async Task Registering_to_a_draft_event_is_a_400_and_to_an_unknown_one_a_404()
    {
        using var organizer = app.OrganizerClient();
        var draft = await organizer.CreateEventAsync(BeltAndRoad2016());
        using var client = app.Anonymous();
        using var toDraft = await client.RegisterAsync(draft.Id, Person());
        await toDraft.AssertProblemAsync(HttpStatusCode.BadRequest, "eventId");
        using var toNothing = await client.RegisterAsync(Guid.NewGuid(), Person());
        await toNothing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task My_registrations_need_the_email_and_the_token_given_at_registration()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 1);
        using var client = app.Anonymous();
        await app.RegisteredAsync(open.Id);
        var waiting = await app.RegisteredAsync(open.Id);

        var mine = await client.MineAsync(open.Id, waiting);
        Assert.Equal(waiting.Person.Email, mine.Participant.Email);
        var registration = Assert.Single(mine.Registrations);
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (registration.Status, registration.WaitlistPosition));

        var stolen = waiting with { Token = "not-the-token" };
        using var wrongToken = await client.CallAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/events/{open.Id}/registrations/mine").As(stolen));
        await wrongToken.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var noHeaders = await client.GetAsync($"{Root}/events/{open.Id}/registrations/mine", TestContext.Current.CancellationToken);
        await noHeaders.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Each_cancellation_promotes_the_next_on_the_waitlist_in_arrival_order()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 2);
        using var client = app.Anonymous();
        var people = new List<Registered>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await app.RegisteredAsync(open.Id));
        }
        async Task<(RegistrationStatus, int?)[]> StatesAsync() =>
            await Task.WhenAll(people.Select(async p => (await client.MineAsync(open.Id, p)).Registrations.Single(r => r.ActivityId == null))
                .Select(async r => ((await r).Status, (await r).WaitlistPosition)));

        Assert.Equal([(RegistrationStatus.Confirmed, null), (RegistrationStatus.Confirmed, null), (RegistrationStatus.Waitlisted, 1),
            (RegistrationStatus.Waitlisted, 2), (RegistrationStatus.Waitlisted, 3), (RegistrationStatus.Waitlisted, 4)], await StatesAsync());

        // A confirmed participant cancels: the first in line moves up, and everyone behind moves one place.
        await client.CancelAsync(open.Id, people[0]);
        Assert.Equal([(RegistrationStatus.Cancelled, null), (RegistrationStatus.Confirmed, null), (RegistrationStatus.Confirmed, null),
            (RegistrationStatus.Waitlisted, 1), (RegistrationStatus.Waitlisted, 2), (RegistrationStatus.Waitlisted, 3)], await StatesAsync());

        // The promoted one cancels in turn: the chain goes on.
        await client.CancelAsync(open.Id, people[2]);
        // A waitlisted one leaving frees no seat; those behind move up the waitlist.
        await client.CancelAsync(open.Id, people[4]);
        Assert.Equal([(RegistrationStatus.Cancelled, null), (RegistrationStatus.Confirmed, null), (RegistrationStatus.Cancelled, null),
            (RegistrationStatus.Confirmed, null), (RegistrationStatus.Cancelled, null), (RegistrationStatus.Waitlisted, 1)], await StatesAsync());

        var promoted = (await client.MineAsync(open.Id, people[3])).Registrations.Single();
        Assert.True(promoted.PromotedFromWaitlist);
        Assert.Equal(new SeatsResponse(2, 2, 1, 0), (await client.GetAsync<EventResponse>($"{Root}/events/{open.Id}")).Seats);
    }

    [Fact]
    public async Task A_larger_capacity_moves_the_waitlist_up_and_a_smaller_one_than_confirmed_is_refused()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 1);
        using var client = app.Anonymous();
        var people = new List<Registered>();
        for (var i = 0; i < 4; i++)
        {
            people.Add(await app.RegisteredAsync(open.Id));
        }

        using var grow = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{open.Id}", open.Details with { Capacity = 3 }, "\"" + open.Version + "\""));
        var grown = await grow.ReadAsync<EventResponse>(HttpStatusCode.OK);
        Assert.Equal(new SeatsResponse(3, 3, 1, 0), grown.Seats);
        Assert.Equal(RegistrationStatus.Confirmed, (await client.MineAsync(open.Id, people[2])).Registrations.Single().Status);
        Assert.Equal(1, (await client.MineAsync(open.Id, people[3])).Registrations.Single().WaitlistPosition);

        using var shrink = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{open.Id}", open.Details with { Capacity = 2 }, "\"" + grown.Version + "\""));
        await shrink.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancelling_the_event_registration_cancels_the_activities_and_promotes_on_each_waitlist()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        var tour = await organizer.CreateActivityAsync(open.Id, Forum(capacity: 1) with { Title = "Study tour", Kind = ActivityKind.StudyTour });
        using var client = app.Anonymous();
        var first = await app.RegisteredAsync(open.Id);
        var second = await app.RegisteredAsync(open.Id);
        foreach (var person in new[] { first, second })
        {
            using var response = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/registrations/mine/activities",
                new ActivityRegistrationRequest(tour.Id)).As(person));
            await response.AssertStatusAsync(HttpStatusCode.Created);
        }

        await client.CancelAsync(open.Id, first);

        Assert.All((await client.MineAsync(open.Id, first)).Registrations, r => Assert.Equal(RegistrationStatus.Cancelled, r.Status));
        var onTour = (await client.MineAsync(open.Id, second)).Registrations.Single(r => r.ActivityId == tour.Id);
        Assert.Equal((RegistrationStatus.Confirmed, true), (onTour.Status, onTour.PromotedFromWaitlist));
    }

    [Fact]
    public async Task Only_a_participant_with_a_confirmed_seat_can_register_to_an_activity()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 1);
        var forum = await organizer.CreateActivityAsync(open.Id, Forum());
        using var client = app.Anonymous();
        await app.RegisteredAsync(open.Id);
        var waiting = await app.RegisteredAsync(open.Id);

        using var response = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/registrations/mine/activities",
            new ActivityRegistrationRequest(forum.Id)).As(waiting));
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_cancelled_participant_registering_again_gets_a_new_token_and_the_end_of_the_line()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 1);
        using var client = app.Anonymous();
        var person = await app.RegisteredAsync(open.Id);
        var other = await app.RegisteredAsync(open.Id);
        await client.CancelAsync(open.Id, person);

        var back = await app.RegisteredAsync(open.Id, person.Person);

        Assert.Equal(person.Id, back.Id);
        Assert.NotEqual(person.Token, back.Token);
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (back.Receipt.Status, back.Receipt.WaitlistPosition));
        Assert.Equal(RegistrationStatus.Confirmed, (await client.MineAsync(open.Id, other)).Registrations.Single().Status);
        using var oldToken = await client.CallAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/events/{open.Id}/registrations/mine").As(person));
        await oldToken.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
