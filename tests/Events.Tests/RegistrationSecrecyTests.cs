using System.Net;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

/// <summary>
/// Registration tells a stranger nothing about who registered: the answer is the same for a known and an unknown address, and
/// the token and the outcome reach the person by mail only. What a meeting request shows of the invitee is what they agreed to show.
/// </summary>
public sealed class RegistrationSecrecyTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body, IReadOnlyList<string> HeaderNames);

    private async Task<Answer> RegisterAsync(Guid eventId, ParticipantDetails person)
    {
        using var client = app.Anonymous();
        using var response = await client.RegisterAsync(eventId, person);
        // Headers that differ per answer whatever was registered (the date, the trace) are compared by name only.
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(Cancel),
            [.. response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).Where(h => h != "Content-Length").Order()]);
    }

    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_answer_byte_for_byte()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 1);
        var seated = await app.RegisteredAsync(open.Id);
        var waiting = await app.RegisteredAsync(open.Id);

        var unknown = await RegisterAsync(open.Id, Person());
        var knownSeated = await RegisterAsync(open.Id, seated.Person);
        var knownWaiting = await RegisterAsync(open.Id, waiting.Person with { Email = waiting.Person.Email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Accepted, unknown.Status);
        Assert.Equal(unknown, knownSeated with { HeaderNames = unknown.HeaderNames });
        Assert.Equal(unknown.HeaderNames, knownSeated.HeaderNames);
        Assert.Equal(unknown.HeaderNames, knownWaiting.HeaderNames);
        Assert.Equal(unknown.Body, knownWaiting.Body);
        // The body is the event and the same sentence for everyone: no participant, registration, status or token.
        using var body = JsonDocument.Parse(unknown.Body);
        Assert.Equal(["detail", "eventId"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(RegistrationAccepted.CheckYourEmail, body.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(seated.Id.ToString(), knownSeated.Body);
        Assert.DoesNotContain("problem", unknown.ContentType);
    }

    [Fact]
    public async Task The_token_is_only_in_the_mail_and_opens_the_registration()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 10);
        var person = Person();

        var answer = await RegisterAsync(open.Id, person);

        var mail = await app.LatestMailAsync(open.Id, person.Email, ParticipantMessageKind.Registered);
        Assert.False(string.IsNullOrEmpty(mail.Token));
        Assert.Contains(mail.Token, mail.Body);
        Assert.Contains("/registrations/mine/confirmation", mail.Body);
        Assert.DoesNotContain(mail.Token!, answer.Body);
        using var client = app.Anonymous();
        var mine = await client.MineAsync(open.Id, new Registered(person, null!, mail.Token!));
        Assert.Equal(mail.ParticipantId, mine.Participant.Id);
        Assert.DoesNotContain(mine.Participant.Id.ToString(), answer.Body);
    }

    [Fact]
    public async Task The_mail_outbox_is_read_by_the_events_organizer_only()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        var person = await app.RegisteredAsync(open.Id);

        var mail = await organizer.GetAsync<List<ParticipantMessageView>>($"{Root}/events/{open.Id}/mail?to={Uri.EscapeDataString(person.Person.Email.ToUpperInvariant())}");
        Assert.Equal((ParticipantMessageKind.Registered, person.Token), (Assert.Single(mail).Kind, mail[0].Token));

        using var anonymous = await app.Anonymous().GetAsync($"{Root}/events/{open.Id}/mail", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var otherPartner = await app.Client("organizer-b", "events.read").GetAsync($"{Root}/events/{open.Id}/mail", Cancel);
        await otherPartner.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_meeting_request_shows_the_requester_only_what_the_invitee_agreed_to_show()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        var requester = await app.RegisteredAsync(open.Id);
        var unlisted = await app.RegisteredAsync(open.Id, Person(country: "KEN", city: "Mombasa", organization: "Mombasa County", kind: ParticipantKind.Investor));
        var listed = await app.RegisteredAsync(open.Id, Person(country: "AUT", city: "Vienna", organization: "Danube Capital", kind: ParticipantKind.Speaker, listed: true));
        using var client = app.Anonymous();

        async Task<MeetingResponse> RequestAsync(Registered invitee)
        {
            using var response = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/meetings",
                new RequestMeetingRequest(null, null, invitee.Id, MeetingKind.CityToBusiness)).As(requester));
            return await response.ReadAsync<MeetingResponse>(HttpStatusCode.Created);
        }

        var toUnlisted = await RequestAsync(unlisted);
        Assert.Equal(new Counterpart(unlisted.Id, null, null, null, null), toUnlisted.Invitee);
        // The invitee sees who asks (the requester disclosed themselves by asking), and the organizer sees everyone.
        using (var asInvitee = await client.CallAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/events/{open.Id}/meetings/{toUnlisted.Id}").As(unlisted)))
        {
            Assert.Equal(requester.Person.Name, (await asInvitee.ReadAsync<MeetingResponse>(HttpStatusCode.OK)).Requester.Name);
        }
        var byOrganizer = await organizer.GetAsync<MeetingResponse>($"{Root}/events/{open.Id}/meetings/{toUnlisted.Id}");
        Assert.Equal(("KEN", ParticipantKind.Investor, "Mombasa County"), (byOrganizer.Invitee.Country, byOrganizer.Invitee.Kind, byOrganizer.Invitee.Organization!.Name));

        // Once the invitee accepts, the requester sees who they will meet.
        using (var accept = await client.CallAsync(new HttpRequestMessage(HttpMethod.Post, $"{Root}/events/{open.Id}/meetings/{toUnlisted.Id}/accept").As(unlisted)))
        {
            await accept.AssertStatusAsync(HttpStatusCode.OK);
        }
        using (var asRequester = await client.CallAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/events/{open.Id}/meetings/{toUnlisted.Id}").As(requester)))
        {
            var accepted = await asRequester.ReadAsync<MeetingResponse>(HttpStatusCode.OK);
            Assert.Equal((unlisted.Person.Name, "KEN"), (accepted.Invitee.Name, accepted.Invitee.Country));
        }

        // A listed invitee shows what the public list shows anyway.
        var toListed = await RequestAsync(listed);
        Assert.Equal((listed.Person.Name, "Danube Capital", "AUT", ParticipantKind.Speaker),
            (toListed.Invitee.Name, toListed.Invitee.Organization!.Name, toListed.Invitee.Country, toListed.Invitee.Kind));
    }
}
