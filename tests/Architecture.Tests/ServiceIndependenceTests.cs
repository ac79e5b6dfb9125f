using CooperationPlatform.Architecture.Tests.Samples.Infrastructure;

namespace CooperationPlatform.Architecture.Tests;

/// <summary>A service knows another only through the messages and reference data in Contracts.</summary>
public sealed class ServiceIndependenceTests
{
    public static TheoryData<string> Services => [.. PlatformAssemblies.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_references_only_contracts_service_defaults_and_messaging_of_ours(string service)
    {
        var references = ArchitectureRules.ReferencesOfOursBeyond(PlatformAssemblies.Service(service), PlatformAssemblies.SharedByServices);

        Assert.Empty(references);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_uses_no_type_of_another_service_or_of_the_gateway(string service)
    {
        var others = PlatformAssemblies.Services.Where(other => other != service).Select(PlatformAssemblies.ServiceNamespace)
            .Append("CooperationPlatform.Gateway")
            .ToArray();

        var offenders = ArchitectureRules.TypesThatUse(PlatformAssemblies.Service(service), others);

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_service_rules_name_an_assembly_and_a_type_that_use_another_service()
    {
        var samples = typeof(SampleStore).Assembly;

        Assert.Equal(["Portfolio.Api"], ArchitectureRules.ReferencesOfOursBeyond(samples, PlatformAssemblies.SharedByServices));
        Assert.Equal([typeof(SampleStore).FullName!], ArchitectureRules.TypesThatUse(samples, PlatformAssemblies.ServiceNamespace("Portfolio")));
    }
}
