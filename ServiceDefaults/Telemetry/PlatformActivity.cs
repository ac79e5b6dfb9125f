using System.Diagnostics;

namespace CooperationPlatform.ServiceDefaults.Telemetry;

/// <summary>The activity source for the platform's own spans (outbox relay, inbox, orchestration).</summary>
public static class PlatformActivity
{
    public const string Name = "CooperationPlatform";
    public static readonly ActivitySource Source = new(Name);
}
