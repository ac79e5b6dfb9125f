using System.Reflection;

namespace CooperationPlatform.Architecture.Tests;

/// <summary>
/// The platform's assemblies, loaded by name from this project's output: a reference that goes missing fails a test instead of
/// leaving a rule with nothing to check.
/// </summary>
internal static class PlatformAssemblies
{
    public const string Contracts = "CooperationPlatform.Contracts";
    public const string ServiceDefaults = "CooperationPlatform.ServiceDefaults";
    public const string Messaging = "CooperationPlatform.Messaging";
    public const string Gateway = "Gateway";
    public const string Portal = "web";

    public static readonly IReadOnlyList<string> Services = ["Directory", "Portfolio", "Events", "Analytics"];

    /// <summary>What a service may reference of ours: the messages and reference data, what every host shares, and messaging.</summary>
    public static readonly IReadOnlySet<string> SharedByServices = new HashSet<string> { Contracts, ServiceDefaults, Messaging };

    public static Assembly Load(string assemblyName) => Assembly.Load(new AssemblyName(assemblyName));

    public static Assembly Service(string service) => Load(ServiceAssemblyName(service));

    public static string ServiceAssemblyName(string service) => $"{service}.Api";

    public static string ServiceNamespace(string service) => $"CooperationPlatform.{service}";

    /// <summary>The shared libraries carry the platform's prefix; the hosts are named after themselves.</summary>
    public static bool IsOurs(string assemblyName) =>
        assemblyName.StartsWith("CooperationPlatform.", StringComparison.Ordinal)
        || assemblyName == Gateway
        || assemblyName == Portal
        || Services.Any(service => assemblyName == ServiceAssemblyName(service));
}
