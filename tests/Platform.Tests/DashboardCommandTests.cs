using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

/// <summary>The AppHost's own dashboard commands, run as the dashboard's buttons run them: each succeeds only if its call does.</summary>
public sealed class DashboardCommandTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("directory-api")]
    [InlineData("portfolio-api")]
    [InlineData("events-api")]
    [InlineData("analytics-api")]
    public Task Replay_error_queues_reaches_the_service_with_an_administrator_token(string service) =>
        platform.Stack.CommandAsync(service, "replay-error-queues", TestContext.Current.CancellationToken);

    [Fact]
    public Task Rebuild_analytics_rebuilds_the_projections_through_the_gateway() =>
        platform.Stack.CommandAsync("analytics-api", "rebuild-projections", TestContext.Current.CancellationToken);
}
