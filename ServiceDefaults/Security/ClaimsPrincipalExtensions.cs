using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.ServiceDefaults.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The partner client the token was issued to (RFC 9068 <c>client_id</c>, else <c>sub</c>).</summary>
    public static string? GetClientId(this ClaimsPrincipal user) =>
        user.FindFirst("client_id")?.Value ?? user.FindFirst("sub")?.Value;

    /// <summary>Scopes arrive as one space-separated <c>scope</c> claim (RFC 9068) or as several claims; both are read.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Concat(user.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);

    public static bool IsPlatformAdmin(this ClaimsPrincipal user) => user.HasScope(PlatformScopes.PlatformAdmin);

    /// <summary>
    /// A record belongs to the client that created it: only that client or a platform admin may change it, or see what is not
    /// public about it (who owns it, its contact points).
    /// </summary>
    public static bool IsOwnerOrAdmin(this ClaimsPrincipal user, string? ownerClientId) =>
        user.IsPlatformAdmin() || (ownerClientId is not null && ownerClientId == user.GetClientId());

    public static void EnsureOwnerOrAdmin(this ClaimsPrincipal user, string? ownerClientId)
    {
        if (user.IsOwnerOrAdmin(ownerClientId))
        {
            return;
        }
        throw new ForbiddenException("This record belongs to another partner client; only it or a platform admin may change it.");
    }
}
