using System.Security.Claims;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>
/// The answer to an anonymous registration, the same whether the address was known or not, so that it tells a stranger nothing
/// about who registered: the outcome and the token go to the address by mail (<see cref="Mail.IParticipantMail"/>).
/// </summary>
public sealed record RegistrationAccepted(Guid EventId, string Detail)
{
    public const string CheckYourEmail = "Check your email: a message with the outcome of this registration and the registration token goes to " +
        "the address given. Confirm the address with that token to keep a seat.";
}

/// <summary>
/// The answer to the organizer's registration on a person's behalf (the organizer sees the participant list anyway). The token
/// goes to the person by mail, never to the organizer.
/// </summary>
public sealed record RegistrationReceipt(Guid ParticipantId, Guid RegistrationId, RegistrationStatus Status, int? WaitlistPosition);

public sealed record RegistrationView(Guid RegistrationId, Guid? ActivityId, RegistrationStatus Status, int? WaitlistPosition,
    bool PromotedFromWaitlist, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? CancelledAt,
    DateTimeOffset? HoldExpiresAt, bool HoldLapsed)
{
    public static RegistrationView From(RegistrationState state) => new(state.Registration.Id, state.Registration.ActivityId, state.Registration.Status,
        state.WaitlistPosition, state.Registration.PromotedFromWaitlist, state.Registration.CreatedAt, state.Registration.ConfirmedAt,
        state.Registration.CancelledAt, state.Registration.HoldExpiresAt, state.Registration.HoldLapsed);
}

/// <summary>A participant with their personal data: only for the participant themselves and the event's organizer.</summary>
public sealed record ParticipantResponse(Guid Id, string? Name, string? Email, Organization? Organization, string? City, string Country,
    ParticipantKind Kind, bool ListedPublicly, DateTimeOffset RegisteredAt, DateTimeOffset? EmailConfirmedAt, DateTimeOffset? ErasedAt)
{
    public static ParticipantResponse From(Participant p) => new(p.Id, p.Name, p.Email,
        p.OrganizationInstitutionId is null && p.OrganizationName is null ? null : new Organization(p.OrganizationInstitutionId, p.OrganizationName),
        p.City, p.Country, p.Kind, p.ListedPublicly, p.RegisteredAt, p.EmailConfirmedAt, p.ErasedAt);
}

public sealed record MyRegistrationsResponse(ParticipantResponse Participant, IReadOnlyList<RegistrationView> Registrations);

public sealed record ActivityRegistrationRequest(Guid ActivityId);

public sealed record ParticipantRow(ParticipantResponse Participant, RegistrationStatus? Status);

public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder api)
    {
        var registrations = api.MapGroup("/events/{eventId:guid}/registrations").WithTags("Registrations");
        registrations.MapPost("", Register).WithName("register")
            .WithSummary("Registers a person to the event: a seat while there is one (held until the address is confirmed, when the event " +
                "requires it), else the waitlist. Anonymous: 202 whether or not the address was registered, the outcome and token go " +
                "to it by mail. The organizer's token registers on the person's behalf without confirmation: 201, or 200 when registered already.");
        registrations.MapPost("/mine/confirmation", ConfirmMine).WithName("confirm-my-registration")
            .WithSummary("Confirms the caller's address with the token it was sent: a held seat becomes confirmed, if its hold has not expired.");
        registrations.MapGet("/mine", GetMine).WithName("get-my-registrations")
            .WithSummary("The caller's registrations and waitlist positions, by the Registration-Email and Registration-Token headers.");
        registrations.MapDelete("/mine", CancelMine).WithName("cancel-my-registration")
            .WithSummary("Cancels the caller's registration to the event, with their activities and pending meetings; the waitlists move up.");
        registrations.MapPost("/mine/activities", RegisterForActivity).WithName("register-for-activity")
            .WithSummary("Registers the caller (confirmed at the event) to an activity: a seat or its waitlist. Idempotent.");
        registrations.MapDelete("/mine/activities/{activityId:guid}", CancelActivity).WithName("cancel-activity-registration")
            .WithSummary("Cancels the caller's registration to an activity; the first on its waitlist gets the seat.");
        registrations.MapDelete("/mine/personal-data", EraseMine).WithName("erase-my-personal-data")
            .WithSummary("Erases the caller's name and email (and invalidates the token). The event's counts do not change.");

        var participants = api.MapGroup("/events/{eventId:guid}/participants").WithTags("Participants");
        participants.MapGet("", ListParticipants).WithName("list-participants")
            .WithSummary("The event's participants with their personal data, for its organizer.")
            .RequireAuthorization(PlatformScopes.EventsRead);
        participants.MapDelete("/{participantId:guid}/personal-data", EraseParticipant).WithName("erase-participant")
            .WithSummary("Erases a participant's name and email on their request, keeping what the counts need.")
            .RequireAuthorization(PlatformScopes.EventsWrite);
        return api;
    }

    public static async Task<Results<Accepted<RegistrationAccepted>, Created<RegistrationReceipt>, Ok<RegistrationReceipt>, NotFoundProblem>> Register(
        Guid eventId, ParticipantDetails details, RegistrationLine line, EventsDbContext db, ClaimsPrincipal user, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        details.Validated();
        var byOrganizer = user.Identity?.IsAuthenticated == true && user.IsOrganizer(await db.EventAsync(eventId, cancellationToken));
        var (participant, state, created) = await line.RegisterAsync(eventId, new Applicant(details, byOrganizer), cancellationToken);
        if (!byOrganizer)
        {
            return TypedResults.Accepted((string?)null, new RegistrationAccepted(eventId, RegistrationAccepted.CheckYourEmail));
        }
        var receipt = new RegistrationReceipt(participant.Id, state.Registration.Id, state.Registration.Status, state.WaitlistPosition);
        return created
            ? TypedResults.Created(links.PathTo("list-participants", new() { ["eventId"] = eventId }), receipt)
            : TypedResults.Ok(receipt);
    }

    public static async Task<Results<Ok<MyRegistrationsResponse>, ForbiddenProblem, NotFoundProblem>> GetMine(
        Guid eventId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Registrar registrar, CancellationToken cancellationToken)
    {
        var participant = await db.ParticipantAsync(eventId, credentials, cancellationToken);
        return TypedResults.Ok(await MineAsync(participant, db, registrar, cancellationToken));
    }

    public static async Task<Results<Ok<MyRegistrationsResponse>, ForbiddenProblem, NotFoundProblem>> ConfirmMine(
        Guid eventId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Registrar registrar, CancellationToken cancellationToken)
    {
        var participant = await db.ParticipantAsync(eventId, credentials, cancellationToken);
        await registrar.ConfirmEmailAsync(participant, cancellationToken);
        return TypedResults.Ok(await MineAsync(participant, db, registrar, cancellationToken));
    }

    private static async Task<MyRegistrationsResponse> MineAsync(Participant participant, EventsDbContext db, Registrar registrar,
        CancellationToken cancellationToken)
    {
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.ParticipantId == participant.Id)
            .OrderBy(r => r.ArrivalSequence).ToListAsync(cancellationToken);
        var views = new List<RegistrationView>();
        foreach (var registration in registrations)
        {
            views.Add(RegistrationView.From(await registrar.StateOfAsync(registration, cancellationToken)));
        }
        return new MyRegistrationsResponse(ParticipantResponse.From(participant), views);
    }

    public static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem, ConflictProblem>> CancelMine(
        Guid eventId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Registrar registrar, CancellationToken cancellationToken)
    {
        var participant = await db.ParticipantAsync(eventId, credentials, cancellationToken);
        await registrar.CancelEventAsync(participant, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<RegistrationView>, Ok<RegistrationView>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> RegisterForActivity(
        Guid eventId, ActivityRegistrationRequest request, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Registrar registrar,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        var participant = await db.ParticipantAsync(eventId, credentials, cancellationToken);
        var (state, created) = await registrar.RegisterForActivityAsync(participant, request.ActivityId, cancellationToken);
        var view = RegistrationView.From(state);
        return created ? TypedResults.Created(links.PathTo("get-my-registrations", new() { ["eventId"] = eventId }), view) : TypedResults.Ok(view);
    }

    public static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem, ConflictProblem>> CancelActivity(
        Guid eventId, Guid activityId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Registrar registrar,
        CancellationToken cancellationToken)
    {
        var participant = await db.ParticipantAsync(eventId, credentials, cancellationToken);
        await registrar.CancelActivityAsync(participant, activityId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem>> EraseMine(
        Guid eventId, [AsParameters] ParticipantCredentials credentials, EventsDbContext db, Registrar registrar, CancellationToken cancellationToken)
    {
        var participant = await db.ParticipantAsync(eventId, credentials, cancellationToken);
        await registrar.EraseAsync(participant, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<Page<ParticipantRow>>, BadRequestProblem, NotFoundProblem>> ListParticipants(
        Guid eventId, [AsParameters] PageRequest request, EventsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = request.Validated();
        var owner = await db.EventAsync(eventId, cancellationToken);
        user.EnsureOrganizer(owner, PlatformScopes.EventsRead);
        var query = from p in db.Participants.AsNoTracking()
                    where p.EventId == eventId
                    select new
                    {
                        Participant = p,
                        Status = db.Registrations.Where(r => r.ParticipantId == p.Id && r.ActivityId == null)
                            .OrderByDescending(r => r.ArrivalSequence).Select(r => (RegistrationStatus?)r.Status).FirstOrDefault(),
                    };
        var count = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.Participant.RegisteredAt).ThenBy(x => x.Participant.Id).Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ParticipantRow>(page.PageIndex, page.PageSize, count,
            [.. rows.Select(x => new ParticipantRow(ParticipantResponse.From(x.Participant), x.Status))]));
    }

    public static async Task<Results<NoContent, NotFoundProblem>> EraseParticipant(
        Guid eventId, Guid participantId, EventsDbContext db, Registrar registrar, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = await db.EventAsync(eventId, cancellationToken);
        user.EnsureOrganizer(owner);
        var participant = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && p.EventId == eventId, cancellationToken);
        if (participant is null)
        {
            return new NotFoundProblem("Participant", participantId);
        }
        await registrar.EraseAsync(participant, cancellationToken);
        return TypedResults.NoContent();
    }
}
