using System.Net;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

/// <summary>Activities and exhibitors: the programme an organizer builds.</summary>
public sealed class ProgrammeTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_2016_edition_holds_its_kinds_of_activity_in_time_order()
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        ActivityDetails[] programme =
        [
            MatchmakingSession(day: 19),
            Forum(),
            Forum() with { Title = "Belt and Road city exhibition", Kind = ActivityKind.Exhibition, StartsAt = Vienna(17, 9), EndsAt = Vienna(21, 17) },
            Forum() with { Title = "Study tour", Kind = ActivityKind.StudyTour, StartsAt = Vienna(20, 8), EndsAt = Vienna(20, 18), Capacity = 40 },
            Forum() with { Title = "Cultural performance", Kind = ActivityKind.CulturalPerformance, StartsAt = Vienna(18, 19), EndsAt = Vienna(18, 21) },
            // The last evening may run until midnight, Vienna time.
            Forum() with { Title = "Closing reception", Kind = ActivityKind.SideSession, StartsAt = Vienna(21, 20), EndsAt = Vienna(22, 0) },
        ];
        foreach (var activity in programme)
        {
            await organizer.CreateActivityAsync(edition.Id, activity);
        }

        var listed = await app.Anonymous().GetAsync<List<ActivityResponse>>($"{Root}/events/{edition.Id}/activities");

        Assert.Equal(listed.OrderBy(a => a.Details.StartsAt).Select(a => a.Id), listed.Select(a => a.Id));
        Assert.Equal(programme.Select(a => a.Kind).Order(), listed.Select(a => a.Details.Kind).Order());
        var session = listed.Single(a => a.Details.Kind == ActivityKind.MatchmakingSession);
        Assert.Equal(new MatchmakingSetup(30, 4), session.Details.Matchmaking);
        var slots = await app.Anonymous().GetAsync<List<SlotResponse>>($"{Root}/events/{edition.Id}/activities/{session.Id}/slots");
        Assert.Equal(6, slots.Count);
        Assert.All(slots, s => Assert.Equal(4, s.FreeTables));
    }

    [Theory]
    [InlineData(16, 23, 17, 10)]
    [InlineData(21, 22, 22, 1)]
    public async Task An_activity_outside_the_event_dates_is_a_400(int startDay, int startHour, int endDay, int endHour)
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        using var response = await organizer.PostJsonAsync($"{Root}/events/{edition.Id}/activities",
            Forum() with { StartsAt = Vienna(startDay, startHour), EndsAt = Vienna(endDay, endHour) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "startsAt");
    }

    [Fact]
    public async Task Moving_the_event_so_that_an_activity_falls_outside_is_a_400()
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        await organizer.CreateActivityAsync(edition.Id, Forum());

        using var response = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{edition.Id}",
            edition.Details with { StartDate = new DateOnly(2016, 10, 18) }, ETags.For(edition.Version)));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    public static TheoryData<string, ActivityDetails> InvalidActivities => new()
    {
        { "title", Forum() with { Title = " " } },
        { "endsAt", Forum() with { EndsAt = Vienna(17, 8) } },
        { "capacity", Forum(capacity: -5) },
        { "matchmaking", Forum() with { Kind = ActivityKind.MatchmakingSession } },
        { "matchmaking.slotMinutes", MatchmakingSession() with { Matchmaking = new MatchmakingSetup(2, 4) } },
        { "matchmaking.tables", MatchmakingSession() with { Matchmaking = new MatchmakingSetup(30, 0) } },
    };

    [Theory]
    [MemberData(nameof(InvalidActivities))]
    public async Task An_invalid_activity_is_a_400_naming_the_field(string field, ActivityDetails details)
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        using var response = await organizer.PostJsonAsync($"{Root}/events/{edition.Id}/activities", details);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_activity_is_updated_with_its_ETag_and_overlapping_matchmaking_sessions_are_refused()
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        var session = await organizer.CreateActivityAsync(edition.Id, MatchmakingSession(day: 18));

        using var overlapping = await organizer.PostJsonAsync($"{Root}/events/{edition.Id}/activities",
            MatchmakingSession(day: 18) with { StartsAt = Vienna(18, 16), EndsAt = Vienna(18, 18) });
        await overlapping.AssertProblemAsync(HttpStatusCode.Conflict);

        var moved = session.Details with { Title = "Business-to-business matchmaking", Place = "Room C" };
        using var stale = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{edition.Id}/activities/{session.Id}", moved, "\"9\""));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        using var updated = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{edition.Id}/activities/{session.Id}", moved, ETags.For(session.Version)));
        var body = await updated.ReadAsync<ActivityResponse>(HttpStatusCode.OK);
        Assert.Equal(("Business-to-business matchmaking", "Room C", 2L), (body.Details.Title, body.Details.Place, body.Version));
        using var missing = await organizer.GetAsync($"{Root}/events/{edition.Id}/activities/{Guid.NewGuid()}", Cancel);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_booth_is_never_assigned_twice_even_at_the_same_moment()
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        ExhibitorDetails City(string name, string country, string? booth) =>
            new() { Name = name, Kind = ExhibitorKind.City, City = name, Country = country, Booth = booth };

        var attempts = await Task.WhenAll(new[] { ("Chengdu", "CHN"), ("Almaty", "KAZ"), ("Mombasa", "KEN"), ("Gwadar", "PAK") }
            .Select(c => organizer.PostJsonAsync($"{Root}/events/{edition.Id}/exhibitors", City(c.Item1, c.Item2, "A-12"))));
        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        // The same booth in another case or with blanks is the same booth.
        var other = await (await organizer.PostJsonAsync($"{Root}/events/{edition.Id}/exhibitors", City("Tianjin", "CHN", null)))
            .ReadAsync<ExhibitorResponse>(HttpStatusCode.Created);
        using var taken = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{edition.Id}/exhibitors/{other.Id}",
            other.Details with { Booth = " a-12 " }, ETags.For(other.Version)));
        await taken.AssertProblemAsync(HttpStatusCode.Conflict);
        using var free = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{edition.Id}/exhibitors/{other.Id}",
            other.Details with { Booth = "B-3" }, ETags.For(other.Version)));
        Assert.Equal("B-3", (await free.ReadAsync<ExhibitorResponse>(HttpStatusCode.OK)).Details.Booth);

        var exhibitors = await app.Anonymous().GetAsync<List<ExhibitorResponse>>($"{Root}/events/{edition.Id}/exhibitors");
        Assert.Equal(["A-12", "B-3"], exhibitors.Select(e => e.Details.Booth));
    }

    [Fact]
    public async Task An_optional_text_of_blanks_counts_as_left_out()
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        // Raw JSON: the shared ExhibitorDetails record would normalise the blanks before they left the client.
        var blanks = new { name = "Tianjin", kind = "city", city = "Tianjin", country = "CHN", booth = "   ", description = "" };

        var exhibitor = await (await organizer.PostJsonAsync($"{Root}/events/{edition.Id}/exhibitors", blanks))
            .ReadAsync<ExhibitorResponse>(HttpStatusCode.Created);

        Assert.Null(exhibitor.Details.Booth);
        Assert.Null(exhibitor.Details.Description);
    }

    [Fact]
    public async Task An_invalid_exhibitor_is_a_400_naming_the_field()
    {
        using var organizer = app.OrganizerClient();
        var edition = await organizer.CreateEventAsync(BeltAndRoad2016());
        using var response = await organizer.PostJsonAsync($"{Root}/events/{edition.Id}/exhibitors",
            new ExhibitorDetails { Name = "Almaty", Kind = ExhibitorKind.City, Country = "KZ" });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "country");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "city");
    }
}
