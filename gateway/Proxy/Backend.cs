namespace CooperationPlatform.Gateway.Proxy;

/// <summary>A service behind the gateway: public path prefix <c>/api/{Prefix}</c>, found by service discovery as <see cref="ServiceAddress"/>.</summary>
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

    /// <summary>The name service discovery resolves, from <c>services:{ResourceName}:http:0</c> as the AppHost (or Aspire) injects it.</summary>
    public string ServiceAddress => $"http://{ResourceName}";
}
