using System.Net;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

public sealed class CapacityTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task Two_hundred_parallel_registrations_for_fifty_seats_confirm_fifty_and_waitlist_the_rest_in_arrival_order()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 50);
        using var client = app.Anonymous();

        using var start = new ManualResetEventSlim();
        var registrations = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await app.RegisteredAsync(open.Id);
        })).ToList();
        start.Set();
        var receipts = (await Task.WhenAll(registrations)).Select(r => r.Receipt).ToList();

        Assert.Equal(50, receipts.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(150, receipts.Count(r => r.Status == RegistrationStatus.Waitlisted));
        // The positions handed out are exactly 1..150, each once.
        Assert.Equal(Enumerable.Range(1, 150), receipts.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order());

        // Arrival order is the order the database serialized them in: every confirmed one arrived before every waitlisted one,
        // and the waitlist positions follow the arrival sequence.
        var stored = await app.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == open.Id)
            .OrderBy(r => r.ArrivalSequence).ToListAsync());
        Assert.Equal(200, stored.Count);
        Assert.All(stored.Take(50), r => Assert.Equal(RegistrationStatus.Confirmed, r.Status));
        Assert.All(stored.Skip(50), r => Assert.Equal(RegistrationStatus.Waitlisted, r.Status));
        var positionById = receipts.ToDictionary(r => r.RegistrationId, r => r.WaitlistPosition);
        Assert.Equal(Enumerable.Range(1, 150).Select(p => (int?)p), stored.Skip(50).Select(r => positionById[r.Id]));

        var seats = (await organizer.GetAsync<EventResponse>($"{Root}/events/{open.Id}")).Seats;
        Assert.Equal(new SeatsResponse(50, 50, 150, 0), seats);
    }

    [Fact]
    public async Task Parallel_registrations_to_an_activity_never_exceed_its_capacity()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync();
        var tour = await organizer.CreateActivityAsync(open.Id, Forum(capacity: 10) with { Title = "Study tour", Kind = ActivityKind.StudyTour });
        using var client = app.Anonymous();
        var people = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => app.RegisteredAsync(open.Id)));

        var results = await Task.WhenAll(people.Select(async person =>
        {
            using var response = await client.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{open.Id}/registrations/mine/activities",
                new ActivityRegistrationRequest(tour.Id)).As(person));
            return await response.ReadAsync<RegistrationView>(HttpStatusCode.Created);
        }));

        Assert.Equal(10, results.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, 20), results.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order());
        Assert.Equal(new SeatsResponse(10, 10, 20, 0), (await client.GetAsync<ActivityResponse>($"{Root}/events/{open.Id}/activities/{tour.Id}")).Seats);
    }
}
