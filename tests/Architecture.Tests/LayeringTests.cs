namespace CooperationPlatform.Architecture.Tests;

public sealed class LayeringTests
{
    private const string SamplesNamespace = "CooperationPlatform.Architecture.Tests.Samples";

    [Theory]
    [InlineData("Directory")]
    [InlineData("Portfolio")]
    [InlineData("Events")]
    [InlineData("Analytics")]
    public void A_services_model_uses_nothing_of_its_apis_or_its_infrastructure(string service)
    {
        var offenders = ArchitectureRules.ModelTypesThatUseOuterLayers(PlatformAssemblies.Service(service), PlatformAssemblies.ServiceNamespace(service));

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_layering_rule_names_a_model_type_that_uses_an_api_or_infrastructure_type()
    {
        var offenders = ArchitectureRules.ModelTypesThatUseOuterLayers(typeof(LayeringTests).Assembly, SamplesNamespace);

        Assert.Equal([$"{SamplesNamespace}.Model.SampleEntity"], offenders);
    }

    [Theory]
    [InlineData("Directory")]
    [InlineData("Portfolio")]
    [InlineData("Events")]
    [InlineData("Analytics")]
    public void A_services_endpoints_leave_every_write_to_its_application_layer(string service)
    {
        var offenders = ArchitectureRules.ApiTypesThatWrite(PlatformAssemblies.Service(service), PlatformAssemblies.ServiceNamespace(service));

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_write_rule_names_an_endpoint_that_saves_changes_itself()
    {
        var offenders = ArchitectureRules.ApiTypesThatWrite(typeof(LayeringTests).Assembly, SamplesNamespace);

        Assert.Equal([$"{SamplesNamespace}.Apis.SampleEndpoint"], offenders);
    }
}
