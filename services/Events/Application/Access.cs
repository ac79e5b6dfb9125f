using System.Security.Claims;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Application;

public static class Access
{
    public static async Task<Event> EventAsync(this EventsDbContext db, Guid eventId, CancellationToken cancellationToken) =>
        await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken) ?? throw new NotFoundException("Event", eventId);

    /// <summary>The organizer of <paramref name="owner"/>: a token with <paramref name="scope"/> from the client that created it, or an admin.</summary>
    public static void EnsureOrganizer(this ClaimsPrincipal user, Event owner, string scope = PlatformScopes.EventsWrite)
    {
        if (user.Identity?.IsAuthenticated != true || !(user.HasScope(scope) || user.IsPlatformAdmin()))
        {
            throw new ForbiddenException($"This needs the event organizer's access token with the {scope} scope.");
        }
        user.EnsureOwnerOrAdmin(owner.OwnerClientId);
    }

    /// <summary>Whether the caller is the organizer of <paramref name="owner"/> (see <see cref="EnsureOrganizer"/>), without refusing anyone.</summary>
    public static bool IsOrganizer(this ClaimsPrincipal user, Event owner, string scope = PlatformScopes.EventsWrite) =>
        user.Identity?.IsAuthenticated == true && (user.HasScope(scope) || user.IsPlatformAdmin())
        && (user.IsPlatformAdmin() || (owner.OwnerClientId is not null && owner.OwnerClientId == user.GetClientId()));
}

public static class WriteGuardExtensions
{
    /// <summary>The organizer's change to a record of <paramref name="owner"/>: organizer first (403), then If-Match (428, 412).</summary>
    public static void EnsureOrganizerCanChange(this WriteGuard guard, Event owner, long currentVersion)
    {
        guard.User.EnsureOrganizer(owner);
        guard.Request.RequireIfMatch(currentVersion);
    }
}
