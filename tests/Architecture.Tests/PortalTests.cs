using System.Reflection;

namespace CooperationPlatform.Architecture.Tests;

/// <summary>
/// The web portal knows the platform only as a partner does: through the gateway's public API. It uses no service's types, no
/// message contract, no messaging and no database, and its records of the API's answers have no field for personal data.
/// </summary>
public sealed class PortalTests
{
    private static Assembly Portal => PlatformAssemblies.Load(PlatformAssemblies.Portal);

    [Fact]
    public void The_portal_references_none_of_the_platforms_assemblies_but_ServiceDefaults()
    {
        var ours = Portal.GetReferencedAssemblies().Select(reference => reference.Name!).Where(PlatformAssemblies.IsOurs).ToList();

        Assert.Equal([PlatformAssemblies.ServiceDefaults], ours);
    }

    [Fact]
    public void The_portal_uses_no_type_of_a_service_the_contracts_messaging_or_a_database()
    {
        var offenders = ArchitectureRules.TypesThatUse(Portal,
            [PlatformAssemblies.Contracts, PlatformAssemblies.Messaging, "CooperationPlatform.Gateway", "Microsoft.EntityFrameworkCore", "Npgsql",
             .. PlatformAssemblies.Services.Select(PlatformAssemblies.ServiceNamespace)]);

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_portals_records_of_the_api_carry_no_personal_data()
    {
        // A person's contact or name (counts of participants are figures, not personal data).
        string[] personal = ["Email", "Phone", "ContactPoint", "GivenName", "FamilyName", "PersonName"];
        var fields = Portal.GetTypes().Where(type => type.Namespace == "CooperationPlatform.Portal.Api")
            .SelectMany(type => type.GetProperties().Select(property => $"{type.Name}.{property.Name}"))
            .Where(field => personal.Any(word => field.Contains("." + word, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(fields);
    }
}
