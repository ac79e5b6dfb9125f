using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class InputFuzzTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private static readonly string[] CsvFiles =
    [
        "name,type,description\n\"Fuzz\0institute\",ngo-or-academia,plain\n",
        "name,type,city\nFuzz institute,ngo-or-academia,\"a\u0001b\"\n",
        "name,type,foundedYear,sdgs\nFuzz institute,ngo-or-academia,99999999999,2147483648\n",
        "name\0,type\nFuzz,ngo-or-academia\n",
    ];

    [Fact]
    public async Task No_generated_hostile_input_to_any_documented_operation_gets_a_server_error()
    {
        using var client = service.Client($"fuzz-{Guid.NewGuid():N}", [.. PlatformScopes.All]);

        var report = await OpenApiFuzzer.RunAsync(client, rawBodies: CsvFiles, cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.Describe());
        Assert.True(report.Findings.Count == 0, report.Describe());
    }
}
