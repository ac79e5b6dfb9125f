using CooperationPlatform.Events.Application;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>Everything the public may see of an event at once. It holds no personal data: organizers and exhibitors are institutions and cities.</summary>
public sealed record ProgrammeResponse(EventResponse Event, IReadOnlyList<ActivityResponse> Activities, IReadOnlyList<ExhibitorResponse> Exhibitors);

/// <summary>A participant who agreed to be listed (a speaker, an exhibitor open to matchmaking). Never an email.</summary>
public sealed record ListedParticipant(Guid ParticipantId, string Name, string? Organization, string? City, string Country, ParticipantKind Kind);

public static class ProgrammeApi
{
    public static IEndpointRouteBuilder MapProgrammeApi(this IEndpointRouteBuilder api)
    {
        var programme = api.MapGroup("/events/{eventId:guid}").WithTags("Programme");
        programme.MapGet("/programme", GetProgramme).WithName("get-programme")
            .WithSummary("The public programme: the event, its activities with free seats, and its exhibitors. No personal data.");
        programme.MapGet("/listed-participants", ListListedParticipants).WithName("list-listed-participants")
            .WithSummary("Participants with a confirmed seat who agreed to be listed publicly, for matchmaking. No emails.");
        return api;
    }

    public static async Task<Results<Ok<ProgrammeResponse>, NotFoundProblem>> GetProgramme(
        Guid eventId, EventsDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.EventAsync(eventId, cancellationToken);
        var activities = await db.Activities.AsNoTracking().Where(a => a.EventId == eventId).OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var exhibitors = await db.Exhibitors.AsNoTracking().Where(e => e.EventId == eventId).OrderBy(e => e.Booth).ThenBy(e => e.Name).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ProgrammeResponse(EventResponse.From(found),
            [.. activities.Select(ActivityResponse.From)], [.. exhibitors.Select(ExhibitorResponse.From)]));
    }

    public static async Task<Results<Ok<List<ListedParticipant>>, NotFoundProblem>> ListListedParticipants(
        Guid eventId, EventsDbContext db, CancellationToken cancellationToken)
    {
        await db.EventAsync(eventId, cancellationToken);
        var listed = await (from p in db.Participants.AsNoTracking()
                            join r in db.Registrations on p.Id equals r.ParticipantId
                            where p.EventId == eventId && p.ListedPublicly && p.ErasedAt == null
                                && r.ActivityId == null && r.Status == RegistrationStatus.Confirmed
                            orderby p.Name, p.Id
                            select p).ToListAsync(cancellationToken);
        return TypedResults.Ok(listed
            .Select(p => new ListedParticipant(p.Id, p.Name!, p.OrganizationName, p.City, p.Country, p.Kind))
            .ToList());
    }
}
