using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Directory.Application;

/// <summary>Who asks for a change and on which version: ownership (403), then If-Match (428 without it, 412 when stale).</summary>
public sealed record WriteGuard(ClaimsPrincipal User, HttpRequest Request)
{
    public string? ClientId => User.GetClientId();

    public void EnsureCanChange(long currentVersion, string? ownerClientId)
    {
        User.EnsureOwnerOrAdmin(ownerClientId);
        Request.RequireIfMatch(currentVersion);
    }

    /// <summary>A membership may be recorded by whoever owns the network or the member.</summary>
    public void EnsureOwnsEither(string? firstOwner, string? secondOwner)
    {
        if (firstOwner is not null && firstOwner == ClientId)
        {
            return;
        }
        User.EnsureOwnerOrAdmin(secondOwner);
    }
}
