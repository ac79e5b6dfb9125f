using System.Net;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

/// <summary>Public views carry no personal data, and a participant can be erased without moving the event's counts.</summary>
public sealed class PrivacyTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_public_view_shows_a_registered_email_or_the_name_of_a_private_participant()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 5);
        var forum = await organizer.CreateActivityAsync(open.Id, Forum(capacity: 3));
        var session = await organizer.CreateActivityAsync(open.Id, MatchmakingSession());
        using var exhibitor = await organizer.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/exhibitors",
            new ExhibitorDetails { Name = "Chengdu", Kind = ExhibitorKind.City, City = "Chengdu", Country = "CHN", Booth = "C-1" }));
        await exhibitor.AssertStatusAsync(HttpStatusCode.Created);
        using var client = app.Anonymous();
        var speaker = await app.RegisteredAsync(open.Id, Person(kind: ParticipantKind.Speaker, listed: true));
        var people = new List<Registered> { speaker };
        for (var i = 0; i < 6; i++)
        {
            people.Add(await app.RegisteredAsync(open.Id));
        }
        using (var toForum = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/registrations/mine/activities",
            new ActivityRegistrationRequest(forum.Id)).As(people[1])))
        {
            await toForum.AssertStatusAsync(HttpStatusCode.Created);
        }
        using (var request = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/meetings",
            new RequestMeetingRequest(null, null, speaker.Id, MeetingKind.CityToBusiness)).As(people[2])))
        {
            await request.AssertStatusAsync(HttpStatusCode.Created);
        }

        string[] publicPaths =
        [
            $"{Root}/events?pageSize=100",
            $"{Root}/events/{open.Id}",
            $"{Root}/events/{open.Id}/programme",
            $"{Root}/events/{open.Id}/activities",
            $"{Root}/events/{open.Id}/activities/{forum.Id}",
            $"{Root}/events/{open.Id}/activities/{session.Id}/slots",
            $"{Root}/events/{open.Id}/exhibitors",
            $"{Root}/events/{open.Id}/counts",
            $"{Root}/events/{open.Id}/listed-participants",
        ];
        var bodies = new List<string>();
        foreach (var path in publicPaths)
        {
            using var response = await client.GetAsync(path, Cancel);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            bodies.Add(await response.Content.ReadAsStringAsync(Cancel));
        }
        var everything = string.Join("\n", bodies);

        Assert.All(people, p => Assert.DoesNotContain(p.Person.Email, everything, StringComparison.OrdinalIgnoreCase));
        Assert.All(people.Skip(1), p => Assert.DoesNotContain(p.Person.Name, everything, StringComparison.Ordinal));
        Assert.All(people, p => Assert.DoesNotContain(p.Token, everything, StringComparison.Ordinal));
        // The scan can find what it looks for: the speaker agreed to be listed by name.
        Assert.Contains(speaker.Person.Name, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_removes_the_name_email_and_token_and_keeps_the_counts()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 10);
        using var client = app.Anonymous();
        var byOrganizer = await app.RegisteredAsync(open.Id, Person(country: "KEN", city: "Mombasa", organization: "Mombasa County", listed: true));
        var bySelf = await app.RegisteredAsync(open.Id, Person(country: "PAK", city: "Gwadar", organization: "Gwadar Port Authority"));
        var before = await client.GetAsync<EventCountsResponse>($"{Root}/events/{open.Id}/counts");

        using (var erase = await organizer.DeleteAsync($"{Root}/events/{open.Id}/participants/{byOrganizer.Id}/personal-data", Cancel))
        {
            await erase.AssertStatusAsync(HttpStatusCode.NoContent);
        }
        using (var erase = await client.CallAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Root}/events/{open.Id}/registrations/mine/personal-data").As(bySelf)))
        {
            await erase.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        Assert.Equal(before.Counted, (await client.GetAsync<EventCountsResponse>($"{Root}/events/{open.Id}/counts")).Counted);
        var rows = (await organizer.GetAsync<Page<ParticipantRow>>($"{Root}/events/{open.Id}/participants")).Items;
        Assert.All(rows, row => Assert.Equal((null, null, RegistrationStatus.Confirmed), (row.Participant.Name, row.Participant.Email, row.Status)));
        Assert.All(rows, row => Assert.NotNull(row.Participant.ErasedAt));
        Assert.Equal(["KEN", "PAK"], rows.Select(r => r.Participant.Country).Order());
        Assert.Empty(await client.GetAsync<List<ListedParticipant>>($"{Root}/events/{open.Id}/listed-participants"));

        // Nothing in the database still holds the email or the name, and the token no longer opens anything.
        foreach (var erased in new[] { byOrganizer, bySelf })
        {
            var traces = await app.WithDbAsync(db => db.Participants.CountAsync(p =>
                p.Email == erased.Person.Email || p.EmailKey == erased.Person.Email || p.Name == erased.Person.Name, Cancel));
            Assert.Equal(0, traces);
            var mailTraces = await app.WithDbAsync(db => db.ParticipantMessages.CountAsync(m => m.To.ToLower() == erased.Person.Email.ToLower()
                || m.Body!.Contains(erased.Person.Name) || m.Body.Contains(erased.Person.Email) || m.Token != null && m.ParticipantId == erased.Id, Cancel));
            Assert.Equal(0, mailTraces);
            using var mine = await client.CallAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/events/{open.Id}/registrations/mine").As(erased));
            await mine.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        // Registering again after erasure is a new participant, with a seat of their own.
        var back = await app.RegisteredAsync(open.Id, bySelf.Person);
        Assert.NotEqual(bySelf.Id, back.Id);
        Assert.Equal(before.Counted.Participants + 1, (await client.GetAsync<EventCountsResponse>($"{Root}/events/{open.Id}/counts")).Counted.Participants);
    }

    [Fact]
    public async Task Personal_data_is_for_the_organizer_and_the_participant_only()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        var person = await app.RegisteredAsync(open.Id);

        using var anonymous = await app.Anonymous().GetAsync($"{Root}/events/{open.Id}/participants", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var otherPartner = await app.Client("organizer-b", "events.read").GetAsync($"{Root}/events/{open.Id}/participants", Cancel);
        await otherPartner.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var otherAgenda = await app.Client("organizer-b", "events.write").GetAsync($"{Root}/events/{open.Id}/participants/{person.Id}/agenda", Cancel);
        await otherAgenda.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var erase = await app.Client("organizer-b", "events.write").DeleteAsync($"{Root}/events/{open.Id}/participants/{person.Id}/personal-data", Cancel);
        await erase.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
