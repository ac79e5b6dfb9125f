using System.Xml.Linq;
using Aspire.Hosting.ApplicationModel;
using CooperationPlatform.AppHost.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.AppHost.Services;

/// <summary>A deployable of the solution (a service or the gateway), run as a process or as a container of its image.</summary>
public interface IPlatformService : IResourceWithEnvironment, IResourceWithArgs, IResourceWithEndpoints, IResourceWithServiceDiscovery, IResourceWithWaitSupport;

/// <summary>
/// A service started directly from its built assembly (<c>dotnet Directory.Api.dll</c>). Aspire's project resources start with
/// <c>dotnet run --no-build</c>, which evaluates the project with MSBuild first: seconds per service on two cores. The AppHost's
/// build has built the assembly already (the services are its project references).
/// </summary>
public sealed class ServiceExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, OwnSession.Command, workingDirectory), IPlatformService;

public static class PlatformServiceExtensions
{
    public const string DashboardResourceName = "aspire-dashboard";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The environment every deployable gets, in either mode.</summary>
    public static IResourceBuilder<T> WithServiceDefaults<T>(this IResourceBuilder<T> service) where T : IPlatformService =>
        service
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_gcServer", "0")
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithOtlpExporter()
            .WithEnvironment(context =>
            {
                // Without a dashboard (tests, benchmarks) nothing receives telemetry: exporting would only cost CPU in retries.
                var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
                if (!model.Resources.Any(resource => resource.Name == DashboardResourceName))
                {
                    foreach (var key in context.EnvironmentVariables.Keys.Where(key => key.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
                    {
                        context.EnvironmentVariables.Remove(key);
                    }
                }
            })
            .WithHttpProbe("/health");

    public static IResourceBuilder<IPlatformService> AddServiceExecutable<TProject>(this IDistributedApplicationBuilder builder, string name, int port)
        where TProject : IProjectMetadata, new()
    {
        var assembly = BuiltAssembly(new TProject().ProjectPath);
        return builder.AddResource(new ServiceExecutableResource(name, Path.GetDirectoryName(assembly)!))
            .WithArgs("dotnet", assembly)
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithEnvironment("ASPNETCORE_URLS", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"))
            .WithServiceDefaults()
            .WithIconName("Code");
    }

    /// <summary>The assembly the AppHost's build made: <c>{project}/bin/{configuration}/net10.0/{AssemblyName}.dll</c>.</summary>
    private static string BuiltAssembly(string projectPath)
    {
        var assemblyName = XDocument.Load(projectPath).Descendants("AssemblyName").FirstOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(projectPath);
        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(assembly)
            ? assembly
            : throw new PlatformStartException($"{assembly} is missing: build the AppHost (dotnet build AppHost -c {Configuration}).");
    }
}
