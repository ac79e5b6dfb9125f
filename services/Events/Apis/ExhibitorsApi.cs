using CooperationPlatform.Events.Application;
using System.Security.Claims;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Infrastructure.EntityConfigurations;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Events.Apis;

public sealed record ExhibitorResponse(Guid Id, Guid EventId, ExhibitorDetails Details, long Version)
{
    public static ExhibitorResponse From(Exhibitor e) => new(e.Id, e.EventId, e.Details, e.Version);
}

public sealed record CreateExhibitorRequest : ExhibitorDetails
{
    public Guid? Id { get; init; }
}

public static class ExhibitorsApi
{
    public static IEndpointRouteBuilder MapExhibitorsApi(this IEndpointRouteBuilder api)
    {
        var exhibitors = api.MapGroup("/events/{eventId:guid}/exhibitors").WithTags("Exhibitors");
        exhibitors.MapGet("", ListExhibitors).WithName("list-exhibitors")
            .WithSummary("The cities and organizations exhibiting, by booth.");
        exhibitors.MapPost("", CreateExhibitor).WithName("create-exhibitor")
            .WithSummary("Adds an exhibitor, with a booth no other exhibitor of the event has. Returns it with its ETag.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        exhibitors.MapGet("/{exhibitorId:guid}", GetExhibitor).WithName("get-exhibitor")
            .WithSummary("One exhibitor, with its ETag.");
        exhibitors.MapPut("/{exhibitorId:guid}", UpdateExhibitor).WithName("update-exhibitor")
            .WithSummary("Replaces an exhibitor's details, its booth included (If-Match required).")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        return api;
    }

    public static async Task<Results<Ok<List<ExhibitorResponse>>, NotFoundProblem>> ListExhibitors(
        Guid eventId, EventsDbContext db, CancellationToken cancellationToken)
    {
        await db.EventAsync(eventId, cancellationToken);
        var exhibitors = await db.Exhibitors.AsNoTracking().Where(e => e.EventId == eventId).OrderBy(e => e.Booth).ThenBy(e => e.Name).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(exhibitors.Select(ExhibitorResponse.From).ToList());
    }

    public static async Task<Results<Ok<ExhibitorResponse>, NotFoundProblem>> GetExhibitor(Guid eventId, Guid exhibitorId, EventsDbContext db,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var exhibitor = await db.Exhibitors.AsNoTracking().SingleOrDefaultAsync(e => e.Id == exhibitorId && e.EventId == eventId, cancellationToken);
        if (exhibitor is null)
        {
            return new NotFoundProblem("Exhibitor", exhibitorId);
        }
        response.SetETag(exhibitor.Version);
        return TypedResults.Ok(ExhibitorResponse.From(exhibitor));
    }

    public static async Task<Results<Created<ExhibitorResponse>, NotFoundProblem, ConflictProblem>> CreateExhibitor(Guid eventId,
        CreateExhibitorRequest request, ExhibitorService exhibitors, ClaimsPrincipal user, HttpContext http, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var exhibitor = await exhibitors.CreateAsync(eventId, request.Id, request.Validated(), new WriteGuard(user, http.Request), cancellationToken);
        http.Response.SetETag(exhibitor.Version);
        return TypedResults.Created(links.PathTo("get-exhibitor", new() { ["eventId"] = eventId, ["exhibitorId"] = exhibitor.Id }),
            ExhibitorResponse.From(exhibitor));
    }

    public static async Task<Results<Ok<ExhibitorResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> UpdateExhibitor(
        Guid eventId, Guid exhibitorId, ExhibitorDetails details, ExhibitorService exhibitors, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        var exhibitor = await exhibitors.UpdateAsync(eventId, exhibitorId, details.Validated(), new WriteGuard(user, http.Request), cancellationToken);
        http.Response.SetETag(exhibitor.Version);
        return TypedResults.Ok(ExhibitorResponse.From(exhibitor));
    }
}
