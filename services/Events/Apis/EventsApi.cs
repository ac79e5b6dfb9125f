using System.Security.Claims;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>A target's seat ledger; <see cref="Held"/> seats are taken but wait for their registrants to confirm their addresses.</summary>
public sealed record SeatsResponse(int? Capacity, int Confirmed, int Waitlisted, int? Available, int Held = 0)
{
    public static SeatsResponse From(Seats seats) => new(seats.Capacity, seats.Confirmed, seats.Waitlisted, seats.Available, seats.Held);
}

/// <summary>An event: what its organizer stated (<see cref="Details"/>, the body of an update) and what the platform keeps.</summary>
public sealed record EventResponse(Guid Id, EventStatus Status, EventDetails Details, SeatsResponse Seats, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static EventResponse From(Event e) => new(e.Id, e.Status, e.Details, SeatsResponse.From(e.Seats), e.Version, e.CreatedAt, e.UpdatedAt);
}

/// <summary>A new event; <see cref="Id"/> is optional, for imports that keep their ids.</summary>
public sealed record CreateEventRequest : EventDetails
{
    public Guid? Id { get; init; }
}

public sealed record ChangeStatusRequest(EventStatus Status);

public sealed record EventListRequest(string? Status, string? Kind, string? Series, int? Year, string? Q, int PageIndex = 0,
    int PageSize = PageRequest.DefaultPageSize)
{
    public PageRequest Page => new PageRequest(PageIndex, PageSize).Validated();
}

/// <summary>Counted by the platform, next to what the organizers reported.</summary>
public sealed record EventCountsResponse(Guid EventId, EventCounts Counted, int Waitlisted, ReportedFigures Reported);

public static class EventsApi
{
    public const string Tag = "Events";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceInfo("events");
        var api = app.MapApiGroup("events");
        api.MapEventsResourceApi();
        api.MapActivitiesApi();
        api.MapExhibitorsApi();
        api.MapRegistrationsApi();
        api.MapMailApi();
        api.MapMeetingsApi();
        api.MapProgrammeApi();
        api.MapAdminApi();
        return app;
    }

    /// <summary>The events themselves, under <c>/events</c>; the service's other resources hang below them.</summary>
    private static IEndpointRouteBuilder MapEventsResourceApi(this IEndpointRouteBuilder api)
    {
        var events = api.MapGroup("/events").WithTags(Tag);
        events.MapGet("", ListEvents).WithName("list-events")
            .WithSummary("Events, newest first, filtered by status, kind, series, year or a text in the name.");
        events.MapPost("", CreateEvent).WithName("create-event")
            .WithSummary("Creates an event as a draft. Returns it with its ETag.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        events.MapGet("/{eventId:guid}", GetEvent).WithName("get-event")
            .WithSummary("One event, with its ETag.");
        events.MapPut("/{eventId:guid}", UpdateEvent).WithName("update-event")
            .WithSummary("Replaces an event's details (If-Match required). A larger capacity moves the waitlist up.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        events.MapPost("/{eventId:guid}/status", ChangeStatus).WithName("change-event-status")
            .WithSummary("Opens registration, closes it, or concludes the event (If-Match required). Concluding publishes the final counts.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        events.MapGet("/{eventId:guid}/counts", GetCounts).WithName("get-event-counts")
            .WithSummary("Participants, organizations, cities and countries counted from confirmed registrations, next to the reported figures.");
        return api;
    }

    public static async Task<Results<Ok<Page<EventResponse>>, BadRequestProblem>> ListEvents(
        [AsParameters] EventListRequest request, EventsDbContext db, CancellationToken cancellationToken)
    {
        new ValidationErrors().Year("year", request.Year).ThrowIfAny();
        var page = request.Page;
        var query = db.Events.AsNoTracking();
        if (QueryValues.Enum<EventStatus>(request.Status, "status") is { } status)
        {
            query = query.Where(e => e.Status == status);
        }
        if (QueryValues.Enum<EventKind>(request.Kind, "kind") is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(request.Series))
        {
            query = query.Where(e => e.Series == request.Series.Trim());
        }
        if (request.Year is { } year)
        {
            query = query.Where(e => e.StartDate != null && e.StartDate.Value.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            // Events are few: a case-insensitive substring match finds names in any script, CJK included.
            var pattern = $"%{request.Q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(e => EF.Functions.ILike(e.Name, pattern) || (e.Series != null && EF.Functions.ILike(e.Series, pattern)));
        }
        var count = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.StartDate).ThenBy(e => e.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<EventResponse>(page.PageIndex, page.PageSize, count, [.. items.Select(EventResponse.From)]));
    }

    public static async Task<Results<Created<EventResponse>, ConflictProblem>> CreateEvent(
        CreateEventRequest request, EventService events, ClaimsPrincipal user, HttpResponse response, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var created = await events.CreateAsync(request.Id, request.Validated(), user.GetClientId(), cancellationToken);
        response.SetETag(created.Version);
        return TypedResults.Created(links.PathTo("get-event", new() { ["eventId"] = created.Id }), EventResponse.From(created));
    }

    public static async Task<Results<Ok<EventResponse>, NotFoundProblem>> GetEvent(
        Guid eventId, EventsDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var found = await db.EventAsync(eventId, cancellationToken);
        response.SetETag(found.Version);
        return TypedResults.Ok(EventResponse.From(found));
    }

    public static async Task<Results<Ok<EventResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> UpdateEvent(
        Guid eventId, EventDetails details, EventService events, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var changed = await events.UpdateAsync(eventId, details.Validated(), new WriteGuard(user, http.Request), cancellationToken);
        http.Response.SetETag(changed.Version);
        return TypedResults.Ok(EventResponse.From(changed));
    }

    public static async Task<Results<Ok<EventResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> ChangeStatus(
        Guid eventId, ChangeStatusRequest request, EventService events, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Status))
        {
            throw new RequestValidationException("status", "status must be draft, open-for-registration, closed or concluded.");
        }
        var changed = await events.ChangeStatusAsync(eventId, request.Status, new WriteGuard(user, http.Request), cancellationToken);
        http.Response.SetETag(changed.Version);
        return TypedResults.Ok(EventResponse.From(changed));
    }

    public static async Task<Results<Ok<EventCountsResponse>, NotFoundProblem>> GetCounts(
        Guid eventId, EventsDbContext db, EventCounter counter, CancellationToken cancellationToken)
    {
        var found = await db.EventAsync(eventId, cancellationToken);
        var (counts, _) = await counter.CountAsync(eventId, cancellationToken);
        return TypedResults.Ok(new EventCountsResponse(eventId, counts, found.Seats.Waitlisted, found.Reported));
    }
}
