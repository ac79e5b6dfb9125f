using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests;

public sealed class InputFuzzTests(PortfolioFactory service) : IClassFixture<PortfolioFactory>
{
    private static readonly string[] Files =
    [
        "title,summary\n\"Fuzz\0project\",plain\n",
        "title,countries\nFuzz project,CHN:79228162514264337593543950335\n",
        "title,regions\nFuzz project,\"298:79000000000000000000000000000\"\n",
        "title,budgetAmount,budgetCurrency\nFuzz project,79228162514264337593543950335,USD\n",
        "title,primarySdg,plannedStart\nFuzz project,2147483648,99999\n",
        "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>XM-FUZZ-\u0001</iati-identifier><title><narrative>a&#1;b</narrative></title></iati-activity></iati-activities>",
        "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>XM-FUZZ-1</iati-identifier><budget><value currency=\"USD\">79228162514264337593543950335</value></budget></iati-activity></iati-activities>",
    ];

    [Fact]
    public async Task No_generated_hostile_input_to_any_documented_operation_gets_a_server_error()
    {
        using var client = service.Client($"fuzz-{Guid.NewGuid():N}", [.. PlatformScopes.All]);

        var report = await OpenApiFuzzer.RunAsync(client, rawBodies: Files, cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.Describe());
        Assert.True(report.Findings.Count == 0, report.Describe());
    }
}
