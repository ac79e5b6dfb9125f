using System.Net;
using System.Net.Http.Json;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registered = CooperationPlatform.Events.Tests.Support.Registered;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

/// <summary>
/// Seats of events open to anonymous registration count only once the registrant confirms the address; until then they are held,
/// and a hold that expires goes to the next in line. The service runs on a clock the tests move.
/// </summary>
public sealed class SeatHoldTests(ClockedEventsFactory app) : IClassFixture<ClockedEventsFactory>
{
    private static readonly TimeSpan PastTheHold = TimeSpan.FromMinutes(EmailConfirmation.DefaultHoldMinutes + 1);

    private async Task<EventResponse> OpenEventAsync(int capacity, EmailConfirmation? confirmation = null)
    {
        using var organizer = app.OrganizerClient();
        var details = BeltAndRoad2016(capacity);
        var draft = await organizer.CreateEventAsync(confirmation is null ? details : details with { EmailConfirmation = confirmation });
        return await organizer.ChangeStatusAsync(draft, EventStatus.OpenForRegistration);
    }

    private async Task<SeatsResponse> SeatsAsync(Guid eventId)
    {
        using var client = app.Client();
        return (await client.GetAsync<EventResponse>($"{Root}/events/{eventId}")).Seats;
    }

    private async Task<RegistrationView> EventRegistrationAsync(Guid eventId, Registered person)
    {
        using var client = app.Client();
        return (await client.MineAsync(eventId, person)).Registrations.Where(r => r.ActivityId == null).MaxBy(r => r.CreatedAt)!;
    }

    private Task SweepAsync() => app.Services.GetServices<IHostedService>().OfType<HoldSweeper>().Single().SweepAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Confirmation_is_required_by_default_and_an_unconfirmed_registration_only_holds_its_seat()
    {
        var open = await OpenEventAsync(capacity: 2);
        Assert.Equal(new EmailConfirmation(Required: true, HoldMinutes: 30), open.Details.EmailConfirmation);

        var person = await app.RegisteredAsync(open.Id, confirm: false);

        Assert.Equal(RegistrationStatus.Held, person.Receipt.Status);
        var held = await EventRegistrationAsync(open.Id, person);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), held.HoldExpiresAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(new SeatsResponse(2, 0, 0, 1, Held: 1), await SeatsAsync(open.Id));
        using var client = app.Client();
        Assert.Equal(0, (await client.GetAsync<EventCountsResponse>($"{Root}/events/{open.Id}/counts")).Counted.Participants);
        Assert.Contains("held for you until", (await app.LatestMailAsync(open.Id, person.Person.Email, ParticipantMessageKind.Registered)).Body);
    }

    [Fact]
    public async Task Confirming_the_address_in_time_confirms_the_held_seat()
    {
        var open = await OpenEventAsync(capacity: 1);
        var person = await app.RegisteredAsync(open.Id, confirm: false);
        app.Clock.Advance(TimeSpan.FromMinutes(29));

        using var client = app.Client();
        var mine = await client.ConfirmAsync(open.Id, person);

        Assert.NotNull(mine.Participant.EmailConfirmedAt);
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single(mine.Registrations).Status);
        Assert.Equal(new SeatsResponse(1, 1, 0, 0, Held: 0), await SeatsAsync(open.Id));
        var confirmed = await app.Messages.WaitForAsync<RegistrationConfirmed>(m => m.RegistrationId == person.Receipt.RegistrationId);
        Assert.False(Assert.Single(confirmed).PromotedFromWaitlist);
        // Confirming again changes nothing.
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single((await client.ConfirmAsync(open.Id, person)).Registrations).Status);
    }

    [Fact]
    public async Task An_expired_hold_lapses_at_the_next_registration_and_its_seat_goes_to_the_next_in_line()
    {
        var open = await OpenEventAsync(capacity: 1);
        var unconfirmed = await app.RegisteredAsync(open.Id, confirm: false);
        var next = await app.RegisteredAsync(open.Id);
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (next.Receipt.Status, next.Receipt.WaitlistPosition));

        app.Clock.Advance(PastTheHold);
        var later = await app.RegisteredAsync(open.Id);

        var lapsed = await EventRegistrationAsync(open.Id, unconfirmed);
        Assert.Equal((RegistrationStatus.Cancelled, true), (lapsed.Status, lapsed.HoldLapsed));
        var promoted = await EventRegistrationAsync(open.Id, next);
        Assert.Equal((RegistrationStatus.Confirmed, true), (promoted.Status, promoted.PromotedFromWaitlist));
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (later.Receipt.Status, later.Receipt.WaitlistPosition));
        Assert.Equal(new SeatsResponse(1, 1, 1, 0, Held: 0), await SeatsAsync(open.Id));
        await app.LatestMailAsync(open.Id, unconfirmed.Person.Email, ParticipantMessageKind.HoldLapsed);
        await app.LatestMailAsync(open.Id, next.Person.Email, ParticipantMessageKind.SeatOffered);

        // Confirming after the hold expired confirms the address but gets no seat back.
        using var client = app.Client();
        var late = await client.ConfirmAsync(open.Id, unconfirmed);
        Assert.Equal(RegistrationStatus.Cancelled, Assert.Single(late.Registrations).Status);
        Assert.Equal(new SeatsResponse(1, 1, 1, 0, Held: 0), await SeatsAsync(open.Id));
    }

    [Fact]
    public async Task The_sweeper_lets_expired_holds_lapse_and_an_unconfirmed_next_in_line_gets_a_hold_of_its_own()
    {
        var open = await OpenEventAsync(capacity: 1);
        var first = await app.RegisteredAsync(open.Id, confirm: false);
        var second = await app.RegisteredAsync(open.Id, confirm: false);

        app.Clock.Advance(PastTheHold);
        await SweepAsync();

        Assert.True((await EventRegistrationAsync(open.Id, first)).HoldLapsed);
        var offered = await EventRegistrationAsync(open.Id, second);
        Assert.Equal((RegistrationStatus.Held, true), (offered.Status, offered.PromotedFromWaitlist));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), offered.HoldExpiresAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Contains("Confirm your address", (await app.LatestMailAsync(open.Id, second.Person.Email, ParticipantMessageKind.SeatOffered)).Body);

        using var client = app.Client();
        Assert.Equal(RegistrationStatus.Confirmed, (await client.ConfirmAsync(open.Id, second)).Registrations.Single().Status);
        Assert.Equal(new SeatsResponse(1, 1, 0, 0, Held: 0), await SeatsAsync(open.Id));
    }

    [Fact]
    public async Task Cancelling_a_held_seat_gives_it_to_the_next_in_line_at_once()
    {
        var open = await OpenEventAsync(capacity: 1);
        var holder = await app.RegisteredAsync(open.Id, confirm: false);
        var next = await app.RegisteredAsync(open.Id);

        using var client = app.Client();
        await client.CancelAsync(open.Id, holder);

        Assert.Equal((RegistrationStatus.Cancelled, false), ((await EventRegistrationAsync(open.Id, holder)).Status, (await EventRegistrationAsync(open.Id, holder)).HoldLapsed));
        Assert.Equal(RegistrationStatus.Confirmed, (await EventRegistrationAsync(open.Id, next)).Status);
        Assert.Equal(new SeatsResponse(1, 1, 0, 0, Held: 0), await SeatsAsync(open.Id));
    }

    [Fact]
    public async Task Made_up_registrants_cannot_keep_the_seats_from_a_real_person()
    {
        var open = await OpenEventAsync(capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            // Nobody reads these addresses' mail, so nobody confirms them.
            using var client = app.Client();
            using var response = await client.RegisterAsync(open.Id, Person(UniqueEmail("made-up")));
            await response.AssertStatusAsync(HttpStatusCode.Accepted);
        }
        var real = await app.RegisteredAsync(open.Id);
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (real.Receipt.Status, real.Receipt.WaitlistPosition));
        Assert.Equal(new SeatsResponse(3, 0, 1, 0, Held: 3), await SeatsAsync(open.Id));

        app.Clock.Advance(PastTheHold);
        await SweepAsync();

        Assert.Equal(RegistrationStatus.Confirmed, (await EventRegistrationAsync(open.Id, real)).Status);
        Assert.Equal(new SeatsResponse(3, 1, 0, 2, Held: 0), await SeatsAsync(open.Id));
        using var anonymous = app.Client();
        Assert.Equal(1, (await anonymous.GetAsync<EventCountsResponse>($"{Root}/events/{open.Id}/counts")).Counted.Participants);
    }

    [Fact]
    public async Task The_hold_is_set_per_event_and_an_event_may_do_without_confirmation()
    {
        var shortHold = await OpenEventAsync(capacity: 1, new EmailConfirmation(Required: true, HoldMinutes: 5));
        var holder = await app.RegisteredAsync(shortHold.Id, confirm: false);
        var next = await app.RegisteredAsync(shortHold.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await SweepAsync();
        Assert.True((await EventRegistrationAsync(shortHold.Id, holder)).HoldLapsed);
        Assert.Equal(RegistrationStatus.Confirmed, (await EventRegistrationAsync(shortHold.Id, next)).Status);

        var trusting = await OpenEventAsync(capacity: 1, new EmailConfirmation(Required: false));
        var person = await app.RegisteredAsync(trusting.Id, confirm: false);
        Assert.Equal(RegistrationStatus.Confirmed, person.Receipt.Status);
        Assert.Equal(new SeatsResponse(1, 1, 0, 0, Held: 0), await SeatsAsync(trusting.Id));

        using var organizer = app.OrganizerClient();
        using var invalid = await organizer.PostAsJsonAsync($"{Root}/events",
            BeltAndRoad2016() with { EmailConfirmation = new EmailConfirmation(true, 0) }, ServiceDefaults.Api.ApiDefaults.JsonOptions, TestContext.Current.CancellationToken);
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "emailConfirmation.holdMinutes");
    }

    [Fact]
    public async Task The_organizer_registering_a_person_needs_no_confirmation_and_the_token_still_goes_only_to_the_person()
    {
        var open = await OpenEventAsync(capacity: 5);
        using var organizer = app.OrganizerClient();
        var person = Person();

        using var first = await organizer.RegisterAsync(open.Id, person);
        var receipt = await first.ReadAsync<RegistrationReceipt>(HttpStatusCode.Created);
        using var again = await organizer.RegisterAsync(open.Id, person);
        var same = await again.ReadAsync<RegistrationReceipt>(HttpStatusCode.OK);

        Assert.Equal((RegistrationStatus.Confirmed, receipt.RegistrationId), (same.Status, same.RegistrationId));
        Assert.DoesNotContain("token", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        var mail = await app.LatestMailAsync(open.Id, person.Email, ParticipantMessageKind.Registered);
        using var client = app.Client();
        var mine = await client.MineAsync(open.Id, new Registered(person, receipt, mail.Token!));
        Assert.Equal(RegistrationStatus.Confirmed, mine.Registrations.Single().Status);
        // Another partner's token is no organizer of this event: its registration is an anonymous one.
        using var stranger = app.Client("organizer-b", "events.write");
        using var anonymous = await stranger.RegisterAsync(open.Id, Person());
        await anonymous.AssertStatusAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Under_concurrent_registrations_confirmations_and_expiry_the_seat_ledger_matches_the_registrations()
    {
        var open = await OpenEventAsync(capacity: 20);
        var people = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => app.RegisteredAsync(open.Id, confirm: i % 2 == 0)));
        app.Clock.Advance(PastTheHold);

        using var client = app.Client();
        var work = Enumerable.Range(0, 30).Select(_ => (Func<Task>)(() => app.RegisteredAsync(open.Id, confirm: false)))
            .Concat(people.Where((_, i) => i % 2 == 1).Select(p => (Func<Task>)(() => client.ConfirmAsync(open.Id, p))))
            .Concat(Enumerable.Range(0, 5).Select(_ => (Func<Task>)SweepAsync))
            .ToList();
        await Task.WhenAll(work.Select(w => Task.Run(w)));

        var seats = await SeatsAsync(open.Id);
        var rows = await app.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == open.Id && r.ActivityId == null)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal((rows.GetValueOrDefault(RegistrationStatus.Confirmed), rows.GetValueOrDefault(RegistrationStatus.Held),
            rows.GetValueOrDefault(RegistrationStatus.Waitlisted)), (seats.Confirmed, seats.Held, seats.Waitlisted));
        Assert.Equal(20, seats.Confirmed + seats.Held);
        // Nobody holds a seat past the hold, and every confirmed seat belongs to someone who confirmed the address.
        var now = app.Clock.GetUtcNow();
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == open.Id && r.Status == RegistrationStatus.Held && r.HoldExpiresAt <= now)));
        Assert.Equal(0, await app.WithDbAsync(db => (from r in db.Registrations
                                                      join p in db.Participants on r.ParticipantId equals p.Id
                                                      where r.EventId == open.Id && r.Status == RegistrationStatus.Confirmed && p.EmailConfirmedAt == null
                                                      select r).CountAsync()));
    }
}
