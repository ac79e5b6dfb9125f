using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// Who asks for a change and on which version, handed from an endpoint to the application code that loads the record:
/// ownership first (403), then If-Match (428 without it, 412 when stale).
/// </summary>
public sealed record WriteGuard(ClaimsPrincipal User, HttpRequest Request)
{
    public string? ClientId => User.GetClientId();

    public void EnsureCanChange(long currentVersion, string? ownerClientId)
    {
        User.EnsureOwnerOrAdmin(ownerClientId);
        Request.RequireIfMatch(currentVersion);
    }

    /// <summary>A record that links two owners' records (a membership) may be changed by either owner.</summary>
    public void EnsureOwnsEither(string? firstOwner, string? secondOwner)
    {
        if (firstOwner is not null && firstOwner == ClientId)
        {
            return;
        }
        User.EnsureOwnerOrAdmin(secondOwner);
    }
}
