namespace CooperationPlatform.Gateway.Proxy;

/// <summary>A service behind the gateway: public path prefix <c>/api/{Prefix}</c>, found as <c>services:{ResourceName}:http:0</c>.</summary>
public sealed record Backend(string Prefix, string ResourceName, IReadOnlyList<string>? ImportPaths = null)
{
    public static readonly IReadOnlyList<Backend> All =
    [
        new("directory", "directory-api", ["/api/directory/v1/institutions/import"]),
        new("portfolio", "portfolio-api", ["/api/portfolio/v1/iati/imports", "/api/portfolio/v1/csv/imports"]),
        new("events", "events-api"),
        new("analytics", "analytics-api"),
    ];

    /// <summary>
    /// Bulk imports take files far above the API's 1 MiB body limit and take longer than a call: the gateway lets them through up to
    /// this size and time, and the service enforces its own, smaller limit.
    /// </summary>
    public const long MaxImportBytes = 256L * 1024 * 1024;

    public static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The address the AppHost (or Aspire) injects; https is preferred when both are given.</summary>
    public Uri? ResolveAddress(IConfiguration configuration)
    {
        var address = configuration[$"services:{ResourceName}:https:0"] ?? configuration[$"services:{ResourceName}:http:0"];
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
    }
}
