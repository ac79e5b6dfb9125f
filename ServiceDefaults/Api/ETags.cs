using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// Optimistic concurrency over HTTP: a resource's ETag is its version (<c>"7"</c>); an update must send it back in
/// <c>If-Match</c>. No If-Match gives 428, a stale one 412; the store's concurrency token catches a race between check and write.
/// </summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>Sets the ETag header of the response to the resource's version.</summary>
    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = For(version);

    /// <summary>
    /// Throws unless <c>If-Match</c> names <paramref name="currentVersion"/> (or is <c>*</c>). If-Match compares strongly
    /// (RFC 9110, section 13.1.1): a weak tag such as <c>W/"7"</c> never matches.
    /// </summary>
    public static void RequireIfMatch(this HttpRequest request, long currentVersion)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PreconditionRequiredException();
        }
        var matches = ifMatch == "*" || ifMatch.Split(',').Select(tag => tag.Trim()).Contains(For(currentVersion), StringComparer.Ordinal);
        if (!matches)
        {
            throw new PreconditionFailedException();
        }
    }
}
