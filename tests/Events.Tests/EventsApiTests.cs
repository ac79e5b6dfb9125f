using System.Net;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests;

public sealed class EventsApiTests(EventsFactory app) : IClassFixture<EventsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_Belt_and_Road_edition_is_stored_with_its_reported_figures_apart_from_the_counts()
    {
        using var organizer = app.OrganizerClient();
        var details = BeltAndRoad2016();
        var id = Guid.NewGuid();

        using var created = await organizer.PostJsonAsync($"{Root}/events", WithId(details, id));
        var body = await created.ReadAsync<EventResponse>(HttpStatusCode.Created);

        Assert.Equal($"/api/events/v1/events/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(EventStatus.Draft, body.Status);
        Assert.Equal(details with { Organizers = body.Details.Organizers, Themes = body.Details.Themes, Sdgs = body.Details.Sdgs }, body.Details);
        Assert.Equal(details.Organizers, body.Details.Organizers);
        Assert.Equal(new ReportedFigure(450, FigureQualifier.MoreThan), body.Details.Reported.Participants);
        Assert.Equal(new ReportedFigure(50, FigureQualifier.Approximately), body.Details.Reported.Cities);

        using var read = await app.Anonymous().GetAsync($"{Root}/events/{id}", Cancel);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var counts = await app.Anonymous().GetAsync<EventCountsResponse>($"{Root}/events/{id}/counts");
        Assert.Equal(0, counts.Counted.Participants);
        Assert.Equal(new ReportedFigure(25, FigureQualifier.Exactly), counts.Reported.Countries);
    }

    [Fact]
    public async Task A_later_edition_without_dates_or_venue_can_be_announced_as_a_draft_but_not_opened()
    {
        using var organizer = app.OrganizerClient();
        var announced = await organizer.CreateEventAsync(BeltAndRoad2016() with
        {
            Edition = 3, StartDate = null, EndDate = null, VenueName = null, VenueCity = null, VenueCountry = null, Reported = new(),
        });

        using var open = await organizer.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{announced.Id}/status",
            new ChangeStatusRequest(EventStatus.OpenForRegistration), ETags.For(announced.Version)));
        await open.AssertProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task The_China_SSC_Network_annual_meeting_is_an_annual_meeting_with_thematic_workshops()
    {
        using var organizer = app.OrganizerClient();
        var meeting = await organizer.CreateEventAsync(new EventDetails
        {
            Name = Unique("China South-South Cooperation Network annual meeting"),
            Series = "China South-South Cooperation Network annual meeting",
            Kind = EventKind.AnnualMeeting,
            StartDate = new DateOnly(2019, 11, 5),
            EndDate = new DateOnly(2019, 11, 6),
            TimeZone = "Asia/Shanghai",
            VenueCity = "北京",
            VenueCountry = "CHN",
            Organizers = [new EventOrganizer(null, "Secretariat of China South-South Cooperation Network")],
            Themes = ["A new orientation for South-South cooperation", "Knowledge-sharing", "Capacity-building", "Technology transfer"],
            Sdgs = [17, 5],
        });
        var workshop = await organizer.CreateActivityAsync(meeting.Id, new ActivityDetails
        {
            Title = "Thematic workshop: technology transfer",
            Kind = ActivityKind.ThematicWorkshop,
            StartsAt = new DateTimeOffset(2019, 11, 6, 9, 0, 0, TimeSpan.FromHours(8)),
            EndsAt = new DateTimeOffset(2019, 11, 6, 12, 0, 0, TimeSpan.FromHours(8)),
        });

        Assert.Equal([5, 17], meeting.Details.Sdgs);
        Assert.Equal(ActivityKind.ThematicWorkshop, workshop.Details.Kind);
        var found = await app.Anonymous().GetAsync<Page<EventResponse>>($"{Root}/events?q=south-south%20cooperation%20network&kind=annual-meeting");
        Assert.Contains(found.Items, e => e.Id == meeting.Id);
        var byCity = await app.Anonymous().GetAsync<Page<EventResponse>>($"{Root}/events?year=2019&series={Uri.EscapeDataString(meeting.Details.Series!)}");
        Assert.Contains(byCity.Items, e => e.Id == meeting.Id && e.Details.VenueCity == "北京");
    }

    [Fact]
    public async Task An_update_needs_the_current_ETag()
    {
        using var organizer = app.OrganizerClient();
        var created = await organizer.CreateEventAsync(BeltAndRoad2016());
        var renamed = created.Details with { Name = Unique("Renamed") };

        using var without = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{created.Id}", renamed));
        await without.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        using var stale = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{created.Id}", renamed, "\"7\""));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        using var updated = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{created.Id}", renamed, ETags.For(created.Version)));
        var body = await updated.ReadAsync<EventResponse>(HttpStatusCode.OK);
        Assert.Equal((renamed.Name, 2L, "\"2\""), (body.Details.Name, body.Version, updated.Headers.ETag?.Tag));

        using var replay = await organizer.CallAsync(Json(HttpMethod.Put, $"{Root}/events/{created.Id}", renamed, ETags.For(created.Version)));
        await replay.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_create_with_an_existing_id_is_a_409_and_changes_nothing()
    {
        using var organizer = app.OrganizerClient();
        var created = await organizer.CreateEventAsync(BeltAndRoad2016());

        using var again = await organizer.PostJsonAsync($"{Root}/events", WithId(BeltAndRoad2016() with { Name = "Other" }, created.Id));
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(created.Details.Name, (await organizer.GetAsync<EventResponse>($"{Root}/events/{created.Id}")).Details.Name);
    }

    public static TheoryData<string, EventDetails> InvalidEvents => new()
    {
        { "name", BeltAndRoad2016() with { Name = "" } },
        { "endDate", BeltAndRoad2016() with { EndDate = new DateOnly(2016, 10, 1) } },
        { "startDate", BeltAndRoad2016() with { StartDate = null } },
        { "venueCountry", BeltAndRoad2016() with { VenueCountry = "AT" } },
        { "sdgs[1]", BeltAndRoad2016() with { Sdgs = [9, 18] } },
        { "timeZone", BeltAndRoad2016() with { TimeZone = "Mars/Olympus" } },
        { "capacity", BeltAndRoad2016() with { Capacity = 0 } },
        { "reported.participants", BeltAndRoad2016() with { Reported = new ReportedFigures(Participants: new ReportedFigure(-1, FigureQualifier.MoreThan)) } },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task An_invalid_event_is_a_400_naming_the_field(string field, EventDetails details)
    {
        using var response = await app.OrganizerClient().PostJsonAsync($"{Root}/events", details);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_400_naming_the_json_field()
    {
        using var response = await app.OrganizerClient().PostAsync($"{Root}/events",
            new StringContent("""{"name":"X","kind":"carnival"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "kind");
    }

    [Fact]
    public async Task Writes_need_the_events_write_scope_and_the_owning_client()
    {
        using var organizer = app.OrganizerClient();
        var created = await organizer.CreateEventAsync(BeltAndRoad2016());

        using var anonymous = await app.Anonymous().PostJsonAsync($"{Root}/events", BeltAndRoad2016());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var reader = await app.Client("reader", PlatformScopes.EventsRead).PostJsonAsync($"{Root}/events", BeltAndRoad2016());
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        using var otherClient = await app.Client("organizer-b", PlatformScopes.EventsWrite).CallAsync(Json(HttpMethod.Put, $"{Root}/events/{created.Id}",
            created.Details, ETags.For(created.Version)));
        await otherClient.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var admin = await app.Client("ops", PlatformScopes.PlatformAdmin).CallAsync(Json(HttpMethod.Put, $"{Root}/events/{created.Id}",
            created.Details, ETags.For(created.Version)));
        await admin.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Status_moves_from_draft_to_open_to_closed_to_concluded_and_no_further()
    {
        using var organizer = app.OrganizerClient();
        var draft = await organizer.CreateEventAsync(BeltAndRoad2016());
        using var closeDraft = await organizer.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{draft.Id}/status",
            new ChangeStatusRequest(EventStatus.Closed), ETags.For(draft.Version)));
        await closeDraft.AssertProblemAsync(HttpStatusCode.Conflict);

        var open = await organizer.ChangeStatusAsync(draft, EventStatus.OpenForRegistration);
        var closed = await organizer.ChangeStatusAsync(open, EventStatus.Closed);
        var reopened = await organizer.ChangeStatusAsync(closed, EventStatus.OpenForRegistration);
        var concluded = await organizer.ChangeStatusAsync(reopened, EventStatus.Concluded);

        using var reopen = await organizer.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{draft.Id}/status",
            new ChangeStatusRequest(EventStatus.OpenForRegistration), ETags.For(concluded.Version)));
        await reopen.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(5, concluded.Version);
    }

    [Fact]
    public async Task Counts_are_of_confirmed_participants_organizations_cities_and_countries()
    {
        using var organizer = app.OrganizerClient();
        var open = await organizer.CreateOpenEventAsync(capacity: 4);
        using var client = app.Anonymous();
        var institution = Guid.NewGuid();
        await app.RegisteredAsync(open.Id, Person(country: "CHN", city: "Chengdu", organization: "Chengdu Municipal Government"));
        await app.RegisteredAsync(open.Id, Person(country: "CHN", city: "chengdu ", organization: "CHENGDU MUNICIPAL GOVERNMENT"));
        await app.RegisteredAsync(open.Id, Person(country: "KAZ", city: "Almaty", organization: "x") with { Organization = new Organization(institution, null) });
        await app.RegisteredAsync(open.Id, Person(country: "ETH", city: null, organization: "x") with { Organization = new Organization(institution, "Other name") });
        await app.RegisteredAsync(open.Id, Person(country: "SEN", city: "Dakar", organization: "Waitlisted organization"));

        var counts = (await client.GetAsync<EventCountsResponse>($"{Root}/events/{open.Id}/counts"));

        Assert.Equal((4, 2, 2, 3, 1), (counts.Counted.Participants, counts.Counted.Organizations, counts.Counted.Cities, counts.Counted.Countries, counts.Waitlisted));
    }
}
