using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.ServiceDefaults;

public sealed record ServiceInfoResponse(string Service, string Version, string Environment, string Instance);

public static class ServiceInfo
{
    /// <summary>Maps <c>GET /api/{service}/v1/info</c>: the cheapest endpoint, used for round trips through the gateway and benchmarks.</summary>
    public static RouteHandlerBuilder MapServiceInfo(this IEndpointRouteBuilder endpoints, string service)
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var environment = endpoints.ServiceProvider.GetService(typeof(IHostEnvironment)) is IHostEnvironment env ? env.EnvironmentName : "Production";
        var info = new ServiceInfoResponse(service, version, environment, System.Environment.MachineName + ":" + System.Environment.ProcessId);
        return endpoints.MapGet($"/api/{service}/v1/info", () => TypedResults.Ok(info))
            .WithName($"{service}-info")
            .WithSummary("The service's name, version and instance.")
            .WithTags("Service");
    }
}
