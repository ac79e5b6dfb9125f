namespace CooperationPlatform.Gateway.Proxy;

/// <summary>A service behind the gateway: public path prefix <c>/api/{Prefix}</c>, found as <c>services:{ResourceName}:http:0</c>.</summary>
public sealed record Backend(string Prefix, string ResourceName)
{
    public static readonly IReadOnlyList<Backend> All =
    [
        new("directory", "directory-api"),
        new("portfolio", "portfolio-api"),
        new("events", "events-api"),
        new("analytics", "analytics-api"),
    ];

    /// <summary>The address the AppHost (or Aspire) injects; https is preferred when both are given.</summary>
    public Uri? ResolveAddress(IConfiguration configuration)
    {
        var address = configuration[$"services:{ResourceName}:https:0"] ?? configuration[$"services:{ResourceName}:http:0"];
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
    }
}
