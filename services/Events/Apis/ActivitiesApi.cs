using System.Security.Claims;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

public sealed record ActivityResponse(Guid Id, Guid EventId, ActivityDetails Details, SeatsResponse Seats, long Version)
{
    public static ActivityResponse From(Activity a) => new(a.Id, a.EventId, a.Details, SeatsResponse.From(a.Seats), a.Version);
}

public sealed record CreateActivityRequest : ActivityDetails
{
    public Guid? Id { get; init; }
}

/// <summary>A slot of a matchmaking session and how many of its tables are still free. Who meets whom is not public.</summary>
public sealed record SlotResponse(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int FreeTables);

public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder api)
    {
        var activities = api.MapGroup("/events/{eventId:guid}/activities").WithTags("Activities");
        activities.MapGet("", ListActivities).WithName("list-activities")
            .WithSummary("The event's programme in time order, with seats taken and free.");
        activities.MapPost("", CreateActivity).WithName("create-activity")
            .WithSummary("Adds an activity to the programme; it must fall within the event's dates. Returns it with its ETag.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        activities.MapGet("/{activityId:guid}", GetActivity).WithName("get-activity")
            .WithSummary("One activity, with its ETag.");
        activities.MapPut("/{activityId:guid}", UpdateActivity).WithName("update-activity")
            .WithSummary("Replaces an activity's details (If-Match required). A larger capacity moves its waitlist up.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        activities.MapGet("/{activityId:guid}/slots", ListSlots).WithName("list-matchmaking-slots")
            .WithSummary("The slots of a matchmaking session with the number of free tables in each.");
        return api;
    }

    public static async Task<Results<Ok<List<ActivityResponse>>, NotFoundProblem>> ListActivities(
        Guid eventId, EventsDbContext db, CancellationToken cancellationToken)
    {
        await db.EventAsync(eventId, cancellationToken);
        var programme = await db.Activities.AsNoTracking().Where(a => a.EventId == eventId).OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(programme.Select(ActivityResponse.From).ToList());
    }

    public static async Task<Results<Ok<ActivityResponse>, NotFoundProblem>> GetActivity(
        Guid eventId, Guid activityId, EventsDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var activity = await FindAsync(db, eventId, activityId, cancellationToken);
        response.SetETag(activity.Version);
        return TypedResults.Ok(ActivityResponse.From(activity));
    }

    public static async Task<Results<Created<ActivityResponse>, NotFoundProblem, ConflictProblem>> CreateActivity(Guid eventId,
        CreateActivityRequest request, ProgrammeService programme, ClaimsPrincipal user, HttpContext http, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var activity = await programme.CreateAsync(eventId, request.Id, request.Validated(), new WriteGuard(user, http.Request), cancellationToken);
        http.Response.SetETag(activity.Version);
        return TypedResults.Created(links.PathTo("get-activity", new() { ["eventId"] = eventId, ["activityId"] = activity.Id }),
            ActivityResponse.From(activity));
    }

    public static async Task<Results<Ok<ActivityResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> UpdateActivity(
        Guid eventId, Guid activityId, ActivityDetails details, ProgrammeService programme, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        var activity = await programme.UpdateAsync(eventId, activityId, details.Validated(), new WriteGuard(user, http.Request), cancellationToken);
        http.Response.SetETag(activity.Version);
        return TypedResults.Ok(ActivityResponse.From(activity));
    }

    public static async Task<Results<Ok<List<SlotResponse>>, BadRequestProblem, NotFoundProblem>> ListSlots(
        Guid eventId, Guid activityId, EventsDbContext db, CancellationToken cancellationToken)
    {
        var session = await FindAsync(db, eventId, activityId, cancellationToken);
        if (!session.IsMatchmakingSession)
        {
            return new BadRequestProblem("activityId", "The activity is not a matchmaking session.");
        }
        var taken = await db.Meetings.Where(m => m.SessionId == activityId && (m.Status == MeetingStatus.Scheduled || m.Status == MeetingStatus.Held))
            .GroupBy(m => m.StartsAt).Select(g => new { StartsAt = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.StartsAt, g => g.Count, cancellationToken);
        return TypedResults.Ok(session.Slots()
            .Select(slot => new SlotResponse(slot, slot + session.SlotLength, session.Tables!.Value - taken.GetValueOrDefault(slot)))
            .ToList());
    }

    private static async Task<Activity> FindAsync(EventsDbContext db, Guid eventId, Guid activityId, CancellationToken cancellationToken) =>
        await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId && a.EventId == eventId, cancellationToken)
            ?? throw new NotFoundException("Activity", activityId);
}
