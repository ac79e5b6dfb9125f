using System.Security.Claims;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Events.Application;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>
/// How a participant proves who they are: the email they registered with and the token they were given then.
/// Headers rather than the URL, so that neither ends up in access logs.
/// </summary>
public sealed record ParticipantCredentials(
    [FromHeader(Name = ParticipantCredentials.EmailHeader)] string? Email,
    [FromHeader(Name = ParticipantCredentials.TokenHeader)] string? Token)
{
    public const string EmailHeader = "Registration-Email";
    public const string TokenHeader = "Registration-Token";

    public bool Given => !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(Token);
}

/// <summary>Who is acting on an event's registrations and meetings: one of its participants, or its organizer (the owning client, or an admin).</summary>
public sealed record Actor(Participant? Participant)
{
    public bool IsOrganizer => Participant is null;

    /// <summary>A participant acts only for themselves; the organizer for anyone.</summary>
    public void EnsureIsOrOrganizer(Guid participantId)
    {
        if (!IsOrganizer && Participant!.Id != participantId)
        {
            throw new ForbiddenException("A participant can only act for themselves.");
        }
    }
}

/// <summary>The participant a request speaks for, proved by the credentials it carries.</summary>
public static class ParticipantAccess
{
    public static async Task<Participant> ParticipantAsync(this EventsDbContext db, Guid eventId, ParticipantCredentials credentials,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(credentials.Email) || string.IsNullOrWhiteSpace(credentials.Token))
        {
            throw new ForbiddenException($"Give the {ParticipantCredentials.EmailHeader} and {ParticipantCredentials.TokenHeader} headers you registered with.");
        }
        var key = ParticipantEmail.Key(credentials.Email);
        var participant = await db.Participants.SingleOrDefaultAsync(p => p.EventId == eventId && p.EmailKey == key, cancellationToken);
        // The same answer for an unknown email and a wrong token, so that nobody learns who registered.
        return participant is not null && participant.Holds(credentials.Email, credentials.Token)
            ? participant
            : throw new ForbiddenException("The email and token do not match a registration to this event.");
    }

    /// <summary>A participant by their credentials when given, else the event's organizer.</summary>
    public static async Task<Actor> ActorAsync(this EventsDbContext db, Event owner, ParticipantCredentials credentials, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (credentials.Given)
        {
            return new Actor(await db.ParticipantAsync(owner.Id, credentials, cancellationToken));
        }
        user.EnsureOrganizer(owner);
        return new Actor(null);
    }
}
