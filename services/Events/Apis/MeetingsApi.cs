using System.Security.Claims;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>
/// A new meeting request. A participant (by the registration headers) asks for themselves and may leave out <see cref="RequesterId"/>;
/// the organizer gives it.
/// </summary>
public sealed record RequestMeetingRequest(Guid? Id, Guid? RequesterId, Guid InviteeId, MeetingKind Kind);

/// <summary>Into which session; the slot (<see cref="StartsAt"/>) and <see cref="Table"/> are chosen when left out.</summary>
public sealed record ScheduleMeetingRequest(Guid SessionId, DateTimeOffset? StartsAt, int? Table);

public sealed record RecordOutcomeRequest(MeetingOutcome Outcome, Guid? LinkedProjectId);

public sealed record LinkProjectRequest(Guid ProjectId);

/// <summary>
/// A party to a meeting as the other side sees them. Who they are (name, organization, country, kind) shows only where the person
/// agreed to it: to the organizer and to themselves; to the other party when they are publicly listed (and so show the same on the
/// public list), when they asked for the meeting, or once they accepted it. Before that, an invitee is only an id to the requester.
/// </summary>
public sealed record Counterpart(Guid ParticipantId, string? Name, Organization? Organization, string? Country, ParticipantKind? Kind)
{
    public static Counterpart From(Participant p, Meeting meeting, Actor viewer)
    {
        var disclosed = viewer.IsOrganizer || viewer.Participant!.Id == p.Id || p.ListedPublicly || p.Id == meeting.RequesterId
            || meeting.Status is MeetingStatus.Accepted or MeetingStatus.Scheduled or MeetingStatus.Held;
        if (!disclosed)
        {
            return new(p.Id, null, null, null, null);
        }
        return new(p.Id, p.Name,
            p.OrganizationInstitutionId is null && p.OrganizationName is null ? null : new Organization(p.OrganizationInstitutionId, p.OrganizationName),
            p.Country, p.Kind);
    }
}

public sealed record MeetingResponse(Guid Id, Guid EventId, MeetingKind Kind, MeetingStatus Status, Counterpart Requester, Counterpart Invitee,
    Guid? SessionId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Table, MeetingOutcome? Outcome, Guid? LinkedProjectId,
    DateTimeOffset RequestedAt, long Version)
{
    public static MeetingResponse From(Meeting m, Participant requester, Participant invitee, Actor viewer) => new(m.Id, m.EventId, m.Kind, m.Status,
        Counterpart.From(requester, m, viewer), Counterpart.From(invitee, m, viewer), m.SessionId, m.StartsAt, m.EndsAt, m.Table, m.Outcome, m.LinkedProjectId,
        m.RequestedAt, m.Version);
}

public sealed record AgendaItem(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Kind, string Title, string? Place, Guid? ActivityId,
    Guid? MeetingId, Counterpart? With, int? Table);

/// <summary>A participant's own schedule: the activities they hold a confirmed seat at, and their scheduled meetings, in time order.</summary>
public sealed record AgendaResponse(Guid ParticipantId, IReadOnlyList<AgendaItem> Items, IReadOnlyList<MeetingResponse> PendingMeetings);

public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder api)
    {
        var meetings = api.MapGroup("/events/{eventId:guid}/meetings").WithTags("Meetings");
        meetings.MapPost("", RequestMeeting).WithName("request-meeting")
            .WithSummary("Asks another participant for a matchmaking meeting. As a participant (registration headers) or the organizer.");
        meetings.MapGet("/{meetingId:guid}", GetMeeting).WithName("get-meeting")
            .WithSummary("One meeting, for its two participants and the organizer.");
        meetings.MapPost("/{meetingId:guid}/accept", Accept).WithName("accept-meeting")
            .WithSummary("The invitee accepts the meeting.");
        meetings.MapPost("/{meetingId:guid}/decline", Decline).WithName("decline-meeting")
            .WithSummary("The invitee declines the meeting.");
        meetings.MapPost("/{meetingId:guid}/schedule", Schedule).WithName("schedule-meeting")
            .WithSummary("Schedules an accepted meeting into a free slot and table of a matchmaking session; 409 when the slot or table is taken.");
        meetings.MapPost("/{meetingId:guid}/outcome", RecordOutcome).WithName("record-meeting-outcome")
            .WithSummary("Records a held meeting's outcome: no follow-up, a lead, or an agreement in preparation.");
        meetings.MapPut("/{meetingId:guid}/linked-project", LinkProject).WithName("link-meeting-project")
            .WithSummary("Links a lead to the portfolio project it became.");

        api.MapGet("/events/{eventId:guid}/participants/{participantId:guid}/agenda", GetAgenda).WithName("get-agenda").WithTags("Meetings")
            .WithSummary("A participant's agenda: their confirmed activities and scheduled meetings in time order, and meetings awaiting an answer.");
        return api;
    }

    public static async Task<Results<Created<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> RequestMeeting(
        Guid eventId, RequestMeetingRequest request, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Matchmaking matchmaking,
        ClaimsPrincipal user, LinkGenerator links, CancellationToken cancellationToken)
    {
        var owner = await db.EventAsync(eventId, cancellationToken);
        var actor = await db.ActorAsync(owner, credentials, user, cancellationToken);
        var requesterId = request.RequesterId ?? actor.Participant?.Id
            ?? throw new RequestValidationException("requesterId", "The organizer must say who requests the meeting.");
        actor.EnsureIsOrOrganizer(requesterId);
        if (request.Id is { } id && await db.Meetings.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return new ConflictProblem($"A meeting with id {id} already exists.");
        }
        var meeting = await matchmaking.RequestAsync(owner, request.Id, request.Kind, requesterId, request.InviteeId, cancellationToken);
        return TypedResults.Created(links.PathTo("get-meeting", new() { ["eventId"] = eventId, ["meetingId"] = meeting.Id }),
            await ResponseAsync(meeting, actor, matchmaking, cancellationToken));
    }

    public static async Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem>> GetMeeting(
        Guid eventId, Guid meetingId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Matchmaking matchmaking,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, actor, meeting) = await PartyAsync(eventId, meetingId, credentials, db, user, party: null, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(meeting, actor, matchmaking, cancellationToken));
    }

    public static Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> Accept(
        Guid eventId, Guid meetingId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Matchmaking matchmaking,
        ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RespondAsync(eventId, meetingId, accept: true, credentials, db, matchmaking, user, cancellationToken);

    public static Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> Decline(
        Guid eventId, Guid meetingId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Matchmaking matchmaking,
        ClaimsPrincipal user, CancellationToken cancellationToken) =>
        RespondAsync(eventId, meetingId, accept: false, credentials, db, matchmaking, user, cancellationToken);

    private static async Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> RespondAsync(
        Guid eventId, Guid meetingId, bool accept, ParticipantCredentials credentials, EventsDbContext db, Matchmaking matchmaking,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, actor, meeting) = await PartyAsync(eventId, meetingId, credentials, db, user, party: m => m.InviteeId, cancellationToken);
        await matchmaking.RespondAsync(meeting, accept, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(meeting, actor, matchmaking, cancellationToken));
    }

    public static async Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> Schedule(
        Guid eventId, Guid meetingId, ScheduleMeetingRequest request, [AsParameters] ParticipantCredentials credentials, EventsDbContext db,
        Matchmaking matchmaking, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (owner, actor, _) = await PartyAsync(eventId, meetingId, credentials, db, user, party: null, cancellationToken);
        db.ChangeTracker.Clear();
        var meeting = await matchmaking.ScheduleAsync(owner, meetingId, request.SessionId, request.StartsAt, request.Table, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(meeting, actor, matchmaking, cancellationToken));
    }

    public static async Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> RecordOutcome(
        Guid eventId, Guid meetingId, RecordOutcomeRequest request, [AsParameters] ParticipantCredentials credentials, EventsDbContext db,
        Matchmaking matchmaking, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, actor, meeting) = await PartyAsync(eventId, meetingId, credentials, db, user, party: null, cancellationToken);
        await matchmaking.RecordOutcomeAsync(meeting, request.Outcome, request.LinkedProjectId, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(meeting, actor, matchmaking, cancellationToken));
    }

    public static async Task<Results<Ok<MeetingResponse>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> LinkProject(
        Guid eventId, Guid meetingId, LinkProjectRequest request, [AsParameters] ParticipantCredentials credentials, EventsDbContext db,
        Matchmaking matchmaking, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, actor, meeting) = await PartyAsync(eventId, meetingId, credentials, db, user, party: null, cancellationToken);
        await matchmaking.LinkProjectAsync(meeting, request.ProjectId, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(meeting, actor, matchmaking, cancellationToken));
    }

    public static async Task<Results<Ok<AgendaResponse>, ForbiddenProblem, NotFoundProblem>> GetAgenda(
        Guid eventId, Guid participantId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Matchmaking matchmaking,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = await db.EventAsync(eventId, cancellationToken);
        var actor = await db.ActorAsync(owner, credentials, user, cancellationToken);
        actor.EnsureIsOrOrganizer(participantId);
        if (!await db.Participants.AnyAsync(p => p.Id == participantId && p.EventId == eventId, cancellationToken))
        {
            return new NotFoundProblem("Participant", participantId);
        }
        var activities = await (from r in db.Registrations
                                join a in db.Activities on r.ActivityId equals a.Id
                                where r.ParticipantId == participantId && r.Status == RegistrationStatus.Confirmed
                                select a).AsNoTracking().ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.EventId == eventId && (m.RequesterId == participantId || m.InviteeId == participantId)
                && m.Status != MeetingStatus.Declined && m.Status != MeetingStatus.Cancelled)
            .ToListAsync(cancellationToken);
        var others = meetings.Select(m => m.RequesterId == participantId ? m.InviteeId : m.RequesterId).ToHashSet();
        var people = await db.Participants.AsNoTracking().Where(p => others.Contains(p.Id) || p.Id == participantId).ToDictionaryAsync(p => p.Id, cancellationToken);
        var items = activities
            .Select(a => new AgendaItem(a.StartsAt, a.EndsAt, a.Kind.ToCode(), a.Title, a.Place, a.Id, null, null, null))
            .Concat(meetings.Where(m => m.StartsAt is not null).Select(m => new AgendaItem(m.StartsAt!.Value, m.EndsAt!.Value, "meeting",
                $"{m.Kind.ToCode()} meeting", null, m.SessionId, m.Id,
                Counterpart.From(people[m.RequesterId == participantId ? m.InviteeId : m.RequesterId], m, actor), m.Table)))
            .OrderBy(i => i.StartsAt).ThenBy(i => i.EndsAt)
            .ToList();
        var pending = meetings.Where(m => m.StartsAt is null)
            .Select(m => MeetingResponse.From(m, people[m.RequesterId], people[m.InviteeId], actor)).ToList();
        return TypedResults.Ok(new AgendaResponse(participantId, items, pending));
    }

    /// <summary>
    /// The meeting, if the caller may act on it: the organizer always; a participant when they are one of its two parties,
    /// or the one <paramref name="party"/> names (the invitee, to answer a request).
    /// </summary>
    private static async Task<(Event Owner, Actor Actor, Meeting Meeting)> PartyAsync(Guid eventId, Guid meetingId, ParticipantCredentials credentials,
        EventsDbContext db, ClaimsPrincipal user, Func<Meeting, Guid>? party, CancellationToken cancellationToken)
    {
        var owner = await db.EventAsync(eventId, cancellationToken);
        var actor = await db.ActorAsync(owner, credentials, user, cancellationToken);
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId && m.EventId == eventId, cancellationToken)
            ?? throw new NotFoundException("Meeting", meetingId);
        if (actor.Participant is { } participant && (party is null ? !meeting.ParticipantIds.Contains(participant.Id) : party(meeting) != participant.Id))
        {
            throw new ForbiddenException(party is null ? "Only the meeting's participants and the organizer can see or change it." : "Only the invitee can answer a meeting request.");
        }
        return (owner, actor, meeting);
    }

    private static async Task<MeetingResponse> ResponseAsync(Meeting meeting, Actor viewer, Matchmaking matchmaking, CancellationToken cancellationToken)
    {
        var (requester, invitee) = await matchmaking.PartiesAsync(meeting, cancellationToken);
        return MeetingResponse.From(meeting, requester, invitee, viewer);
    }
}
