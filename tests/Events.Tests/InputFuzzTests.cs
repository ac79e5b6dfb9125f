using CooperationPlatform.Events.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Events.Tests;

public sealed class InputFuzzTests(EventsFactory service) : IClassFixture<EventsFactory>
{
    [Fact]
    public async Task No_generated_hostile_input_to_any_documented_operation_gets_a_server_error()
    {
        using var client = service.Client($"fuzz-{Guid.NewGuid():N}", [.. PlatformScopes.All]);

        var report = await OpenApiFuzzer.RunAsync(client, cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.Describe());
        Assert.True(report.Findings.Count == 0, report.Describe());
    }
}
