using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Analytics.Tests;

public sealed class InputFuzzTests(AnalyticsFactory service) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task No_generated_hostile_input_to_any_documented_operation_gets_a_server_error()
    {
        using var client = service.Client($"fuzz-{Guid.NewGuid():N}", [.. PlatformScopes.All]);

        // The rebuild reads the other services' snapshots, and this host runs none of them: it would wait for them, not for its input.
        var report = await OpenApiFuzzer.RunAsync(client, skip: new HashSet<string> { "POST /api/analytics/v1/admin/rebuild" },
            cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.Describe());
        Assert.True(report.Findings.Count == 0, report.Describe());
    }
}
