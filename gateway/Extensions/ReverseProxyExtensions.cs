using CooperationPlatform.Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;

namespace CooperationPlatform.Gateway.Extensions;

public static class ReverseProxyExtensions
{
    /// <summary>Routes <c>/api/{service}/**</c> to each backend unchanged: services own their full paths, so no transform is needed.</summary>
    public static IHostApplicationBuilder AddPlatformReverseProxy(this IHostApplicationBuilder builder)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var health = builder.Services.AddHealthChecks();
        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3));

        foreach (var backend in Backend.All)
        {
            var address = backend.ResolveAddress(builder.Configuration);
            if (address is null)
            {
                continue;
            }
            routes.Add(new RouteConfig
            {
                RouteId = backend.Prefix,
                ClusterId = backend.ResourceName,
                Match = new RouteMatch { Path = $"/api/{backend.Prefix}/{{**rest}}" },
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = backend.ResourceName,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [backend.ResourceName] = new() { Address = address.ToString() },
                },
            });
            health.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                backend.ResourceName,
                services => new BackendHealthCheck(services.GetRequiredService<IHttpClientFactory>(), backend, address),
                failureStatus: null,
                tags: null));
        }

        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        return builder;
    }
}
