namespace CooperationPlatform.ServiceDefaults.Security;

/// <summary>The OAuth 2.0 scopes partner clients are granted. Each is also the name of the authorization policy that requires it.</summary>
public static class PlatformScopes
{
    public const string DirectoryRead = "directory.read";
    public const string DirectoryWrite = "directory.write";
    public const string PortfolioRead = "portfolio.read";
    public const string PortfolioWrite = "portfolio.write";
    public const string EventsRead = "events.read";
    public const string EventsWrite = "events.write";
    public const string AnalyticsRead = "analytics.read";

    /// <summary>Everything, on every record, including the admin endpoints.</summary>
    public const string PlatformAdmin = "platform.admin";

    public static readonly IReadOnlyList<string> All =
        [DirectoryRead, DirectoryWrite, PortfolioRead, PortfolioWrite, EventsRead, EventsWrite, AnalyticsRead, PlatformAdmin];

    /// <summary>The audience (the service) a scope grants access to: "directory.write" → "directory"; platform.admin → every service.</summary>
    public static IReadOnlyList<string> AudiencesOf(string scope) =>
        scope == PlatformAdmin ? PlatformAudiences.All : [scope[..scope.IndexOf('.')]];
}

public static class PlatformAudiences
{
    public static readonly IReadOnlyList<string> All = ["directory", "portfolio", "events", "analytics"];
}
