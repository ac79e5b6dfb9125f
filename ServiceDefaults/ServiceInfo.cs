using System.Reflection;
using CooperationPlatform.ServiceDefaults.Api;
using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace CooperationPlatform.ServiceDefaults;

/// <summary>What <c>/info</c> tells: the service to anyone; its build, environment and instance only to <c>platform.admin</c>.</summary>
public sealed record ServiceInfoResponse(string Service, string? Version = null, string? Environment = null, string? Instance = null);

public sealed record CallerResponse(string? ClientId, IReadOnlyList<string> Scopes);

public static class ServiceInfo
{
    /// <summary>
    /// Maps what every service answers besides its domain: <c>GET /api/{service}/v1/info</c> (anonymous, the cheapest endpoint; the build and instance only for <c>platform.admin</c>),
    /// <c>GET /api/{service}/v1/me</c> (the caller's client id and scopes, for partners checking their tokens; needs <c>{service}.read</c>)
    /// and the shared reference data under <c>/api/{service}/v1/reference/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapServiceInfo(this IEndpointRouteBuilder endpoints, string service)
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var environment = endpoints.ServiceProvider.GetService(typeof(IHostEnvironment)) is IHostEnvironment env ? env.EnvironmentName : "Production";
        var info = new ServiceInfoResponse(service, version, environment, System.Environment.MachineName + ":" + System.Environment.ProcessId);
        var anonymousInfo = new ServiceInfoResponse(service);
        endpoints.MapGet($"/api/{service}/v1/info", (ClaimsPrincipal user) => TypedResults.Ok(user.IsPlatformAdmin() ? info : anonymousInfo))
            .WithName($"{service}-info")
            .WithSummary("The service's name, version and instance.")
            .WithTags("Service");
        endpoints.MapGet($"/api/{service}/v1/me", (ClaimsPrincipal user) => TypedResults.Ok(new CallerResponse(
                user.GetClientId(),
                [.. user.FindAll("scope").SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))])))
            .WithName($"{service}-me")
            .WithSummary("The partner client the access token was issued to, and its scopes.")
            .WithTags("Service")
            .RequireAuthorization($"{service}.read");
        endpoints.MapReferenceData(service);
        return endpoints;
    }
}
