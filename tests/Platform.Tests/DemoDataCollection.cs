using CooperationPlatform.AppHost.Demo;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

/// <summary>
/// The demo data and the walkthrough that reads it run alone, after the other classes: no service restart (supervision tests) or
/// other writer runs beside them, so the analytics counts they check are exactly the demo data's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoDataCollection
{
    public const string Name = "Demo data";

    /// <summary>Loads the demo data as a partner client of its own (so its rate limit is its own), as the AppHost does.</summary>
    public static Task<DemoLoadReport> LoadAsync(PlatformFixture platform) =>
        platform.LoadDemoDataAsync(line => TestContext.Current.SendDiagnosticMessage(line), TestContext.Current.CancellationToken);
}
