namespace CooperationPlatform.Architecture.Tests;

/// <summary>The gateway proxies HTTP and sends no message: it neither uses messaging nor carries MassTransit.</summary>
public sealed class GatewayTests
{
    [Fact]
    public void The_gateway_uses_no_type_of_messaging_or_of_MassTransit()
    {
        var offenders = ArchitectureRules.TypesThatUse(PlatformAssemblies.Load(PlatformAssemblies.Gateway), "CooperationPlatform.Messaging", "MassTransit");

        Assert.Empty(offenders);
    }

    [Fact]
    public void Neither_the_gateway_nor_what_it_references_loads_messaging_or_MassTransit()
    {
        var loaded = ArchitectureRules.ReferenceClosure(PlatformAssemblies.Load(PlatformAssemblies.Gateway));

        Assert.Contains(PlatformAssemblies.ServiceDefaults, loaded);
        Assert.DoesNotContain(loaded, name => name == PlatformAssemblies.Messaging || name.StartsWith("MassTransit", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gateway_is_deployed_without_messaging_or_MassTransit()
    {
        // The dependency manifest lists what a publish of the gateway carries, used or not.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{PlatformAssemblies.Gateway}.deps.json");
        Assert.True(File.Exists(manifest), $"{manifest} is missing");

        var libraries = ArchitectureRules.LibrariesIn(manifest);

        Assert.Contains(libraries, name => name.StartsWith("Yarp.ReverseProxy/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, name => name.StartsWith("MassTransit", StringComparison.Ordinal)
            || name.StartsWith("RabbitMQ", StringComparison.Ordinal)
            || name.StartsWith($"{PlatformAssemblies.Messaging}/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reference_closure_finds_messaging_and_MassTransit_where_a_service_loads_them()
    {
        var loaded = ArchitectureRules.ReferenceClosure(PlatformAssemblies.Service("Directory"));

        Assert.Contains(PlatformAssemblies.Messaging, loaded);
        Assert.Contains("MassTransit", loaded);
    }
}
