using System.Security.Claims;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>
/// One message of the participant mail outbox. <see cref="Body"/> and <see cref="Token"/> are kept only by the development sender
/// (which sends nothing); a real sender clears them once the message is sent.
/// </summary>
public sealed record ParticipantMessageView(Guid Id, Guid ParticipantId, string To, ParticipantMessageKind Kind, string Subject, string? Body,
    string? Token, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static ParticipantMessageView From(ParticipantMessage m) => new(m.Id, m.ParticipantId, m.To, m.Kind, m.Subject, m.Body, m.Token, m.CreatedAt, m.SentAt);
}

public static class MailApi
{
    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events/{eventId:guid}/mail", ListMail).WithName("list-participant-mail").WithTags("Participants")
            .WithSummary("The messages written to the event's participants, newest first, optionally to one address: the organizer's " +
                "mailbox while the platform sends no real mail (the development sender keeps each message's text).")
            .RequireAuthorization(PlatformScopes.EventsRead);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ParticipantMessageView>>> ListMail(Guid eventId, string? to, EventsDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        user.EnsureOrganizer(await db.EventAsync(eventId, cancellationToken), PlatformScopes.EventsRead);
        var key = to is null ? null : ParticipantEmail.Key(to);
        var messages = await db.ParticipantMessages.AsNoTracking()
            .Where(m => m.EventId == eventId && (key == null || m.To.ToLower() == key))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ParticipantMessageView>>([.. messages.Select(ParticipantMessageView.From)]);
    }
}
