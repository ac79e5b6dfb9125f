using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Testing;
using static CooperationPlatform.Testing.HttpCalls;

namespace CooperationPlatform.Events.Tests.Support;

/// <summary>The events API as the tests call it: sample bodies valid as they stand, and one method per call.</summary>
public static class EventsCalls
{
    public const string Root = "/api/events/v1";

    public static string UniqueEmail(string who = "delegate") => $"{who}.{Guid.NewGuid():N}@example.org";

    /// <summary>The first Belt and Road Inclusive and Sustainable City Exhibition and Dialogue, as the seed reports it.</summary>
    public static EventDetails BeltAndRoad2016(int? capacity = null) => new()
    {
        Name = Unique("Belt and Road Inclusive and Sustainable City Exhibition and Dialogue"),
        Series = "Belt and Road Inclusive and Sustainable City Exhibition and Dialogue",
        Edition = 1,
        Kind = EventKind.ExhibitionAndDialogue,
        StartDate = new DateOnly(2016, 10, 17),
        EndDate = new DateOnly(2016, 10, 21),
        TimeZone = "Europe/Vienna",
        VenueName = "UNIDO Headquarters",
        VenueCity = "Vienna",
        VenueCountry = "AUT",
        Organizers = [new EventOrganizer(null, "United Nations Industrial Development Organization (UNIDO)")],
        Themes = ["Inclusive and sustainable urban-industrial development", "Cities along the Belt and Road"],
        Sdgs = [9, 11, 17],
        Capacity = capacity,
        Reported = new ReportedFigures(
            Participants: new ReportedFigure(450, FigureQualifier.MoreThan),
            Cities: new ReportedFigure(50, FigureQualifier.Approximately),
            Countries: new ReportedFigure(25, FigureQualifier.Exactly),
            Activities: new ReportedFigure(27, FigureQualifier.Exactly)),
    };

    /// <summary>Vienna time on one of the 2016 event's days.</summary>
    public static DateTimeOffset Vienna(int day, int hour, int minute = 0) => new(2016, 10, day, hour, minute, 0, TimeSpan.FromHours(2));

    public static ActivityDetails Forum(int? capacity = null) => new()
    {
        Title = "High-level forum",
        Kind = ActivityKind.HighLevelForum,
        StartsAt = Vienna(17, 9),
        EndsAt = Vienna(17, 12, 30),
        Place = "Board Room, UNIDO Headquarters",
        Capacity = capacity,
    };

    public static ActivityDetails MatchmakingSession(int day = 18, int tables = 4) => new()
    {
        Title = "City-to-business matchmaking",
        Kind = ActivityKind.MatchmakingSession,
        StartsAt = Vienna(day, 14),
        EndsAt = Vienna(day, 17),
        Place = "Exhibition hall",
        Matchmaking = new MatchmakingSetup(30, tables),
    };

    public static ParticipantDetails Person(string? email = null, string country = "CHN", string? city = "Chengdu", string organization = "Chengdu Municipal Government",
        ParticipantKind kind = ParticipantKind.CityRepresentative, bool listed = false) => new()
    {
        Name = "Li " + Guid.NewGuid().ToString("N")[..6],
        Email = email ?? UniqueEmail(),
        Organization = new Organization(null, organization),
        City = city,
        Country = country,
        Kind = kind,
        ListedPublicly = listed,
    };

    public static async Task<EventResponse> CreateEventAsync(this HttpClient organizer, EventDetails details, Guid? id = null)
    {
        using var response = await organizer.PostJsonAsync($"{Root}/events", WithId(details, id));
        return await response.ReadAsync<EventResponse>(HttpStatusCode.Created);
    }

    public static async Task<EventResponse> ChangeStatusAsync(this HttpClient organizer, EventResponse current, EventStatus status)
    {
        using var response = await organizer.CallAsync(Json(HttpMethod.Post, $"{Root}/events/{current.Id}/status", new ChangeStatusRequest(status),
            ETags.For(current.Version)));
        return await response.ReadAsync<EventResponse>(HttpStatusCode.OK);
    }

    /// <summary>A 2016 Belt and Road event, open for registration.</summary>
    public static async Task<EventResponse> CreateOpenEventAsync(this HttpClient organizer, int? capacity = null) =>
        await organizer.ChangeStatusAsync(await organizer.CreateEventAsync(BeltAndRoad2016(capacity)), EventStatus.OpenForRegistration);

    public static async Task<ActivityResponse> CreateActivityAsync(this HttpClient organizer, Guid eventId, ActivityDetails details)
    {
        using var response = await organizer.PostJsonAsync($"{Root}/events/{eventId}/activities", details);
        return await response.ReadAsync<ActivityResponse>(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, Guid eventId, ParticipantDetails person) =>
        client.PostJsonAsync($"{Root}/events/{eventId}/registrations", person);

    /// <summary>A request as the registered participant: their email and token in the registration headers.</summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, Registered participant)
    {
        request.Headers.Add(ParticipantCredentials.EmailHeader, participant.Person.Email);
        request.Headers.Add(ParticipantCredentials.TokenHeader, participant.Token);
        return request;
    }

    /// <summary>A create body: the details, with the client-chosen id when given.</summary>
    public static JsonObject WithId<T>(T details, Guid? id)
    {
        var body = JsonSerializer.SerializeToNode(details, ApiDefaults.JsonOptions)!.AsObject();
        if (id is not null)
        {
            body["id"] = id;
        }
        return body;
    }

    public static async Task<MyRegistrationsResponse> MineAsync(this HttpClient client, Guid eventId, Registered participant)
    {
        using var response = await client.CallAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root}/events/{eventId}/registrations/mine").As(participant));
        return await response.ReadAsync<MyRegistrationsResponse>(HttpStatusCode.OK);
    }

    public static async Task CancelAsync(this HttpClient client, Guid eventId, Registered participant)
    {
        using var response = await client.CallAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Root}/events/{eventId}/registrations/mine").As(participant));
        await response.AssertStatusAsync(HttpStatusCode.NoContent);
    }
}

/// <summary>A registered person: their details, their event registration, and the token their mail brought them.</summary>
public sealed record Registered(ParticipantDetails Person, RegistrationReceipt Receipt, string Token)
{
    public Guid Id => Receipt.ParticipantId;
}
