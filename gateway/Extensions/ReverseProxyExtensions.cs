using CooperationPlatform.Gateway.Edge;
using CooperationPlatform.Gateway.Proxy;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace CooperationPlatform.Gateway.Extensions;

public static class ReverseProxyExtensions
{
    /// <summary>
    /// Routes <c>/api/{service}/**</c> to each backend unchanged (services own their full paths, so no transform is needed)
    /// and <c>/openapi/{service}/v1.json</c> to the service's <c>/openapi/v1.json</c>.
    /// Destinations are <c>http://{name}</c>, which service discovery resolves from <c>services:{name}:http:0</c> as Aspire injects it.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformReverseProxy(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Gateway:Proxy");
        var timeout = TimeSpan.FromSeconds(settings.GetValue("TimeoutSeconds", 30));
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var health = builder.Services.AddHealthChecks();
        // No retries for a probe: the health check runs again anyway, and retrying a backend that is still starting only adds load.
        // (The one way to opt a client out of ConfigureHttpClientDefaults' handler; marked experimental.)
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        foreach (var backend in Backend.All)
        {
            routes.Add(new RouteConfig
            {
                RouteId = backend.Prefix,
                ClusterId = backend.ResourceName,
                Match = new RouteMatch { Path = $"/api/{backend.Prefix}/{{**rest}}" },
                Timeout = timeout,
                OutputCachePolicy = GatewayOutputCache.PolicyName,
            });
            foreach (var (importPath, index) in (backend.ImportPaths ?? []).Select((path, index) => (path, index)))
            {
                routes.Add(new RouteConfig
                {
                    RouteId = $"{backend.Prefix}-import-{index}",
                    ClusterId = backend.ResourceName,
                    Match = new RouteMatch { Path = importPath, Methods = ["POST"] },
                    Order = -1,
                    Timeout = Backend.ImportTimeout,
                    MaxRequestBodySize = Backend.MaxImportBytes,
                });
            }
            routes.Add(new RouteConfig
            {
                RouteId = $"{backend.Prefix}-openapi",
                ClusterId = backend.ResourceName,
                Match = new RouteMatch { Path = $"/openapi/{backend.Prefix}/{{document}}.json", Methods = ["GET"] },
                Timeout = timeout,
            }.WithTransformPathRouteValues("/openapi/{document}.json"));
            clusters.Add(new ClusterConfig
            {
                ClusterId = backend.ResourceName,
                Destinations = new Dictionary<string, DestinationConfig> { [backend.ResourceName] = new() { Address = backend.ServiceAddress } },
                HealthCheck = new HealthCheckConfig
                {
                    // Active probes put a destination back in rotation as soon as it answers again; passive checks take it out
                    // after transport failures, so callers get a fast 503 instead of waiting on a dead backend.
                    // A busy backend (a bulk import on two cores) may take seconds to answer /alive, so the probe's timeout is generous. A
                    // dead one refuses connections at once, which ProxyFailureMiddleware answers with a fast 503 from the first request;
                    // the passive check (YARP's defaults: 30% of at least 10 requests in 60 s) then stops even trying it.
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(10), Policy = "ConsecutiveFailures", Path = "/alive" },
                    Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(5) },
                },
                // The idle time allowed on a backend exchange is the longest route's (an import answers when it has committed); each
                // route's own timeout still bounds its requests.
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = timeout > Backend.ImportTimeout ? timeout : Backend.ImportTimeout },
            });
            health.Add(new HealthCheckRegistration(
                backend.ResourceName,
                services => new BackendHealthCheck(services.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<ServiceEndpointResolver>(), backend),
                // One backend down degrades the gateway; it keeps routing to the others.
                failureStatus: HealthStatus.Degraded,
                tags: null));
        }

        AddPortalRoute(builder, routes, clusters, timeout);

        builder.Services.AddRequestTimeouts();
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    /// <summary>
    /// Everything else (<see cref="PortalRoute"/>) goes to the web portal, after every other route. Its pages are cached as the services'
    /// answers are: only what it marks <c>Cache-Control: public, max-age</c>. Not a health check of the gateway: the API works without
    /// the portal, so the portal's absence must not take the gateway out of a load balancer.
    /// </summary>
    private static void AddPortalRoute(IHostApplicationBuilder builder, List<RouteConfig> routes, List<ClusterConfig> clusters, TimeSpan timeout)
    {
        builder.Services.Configure<RouteOptions>(options => options.SetParameterPolicy<PortalPathConstraint>(PortalRoute.ConstraintName));
        routes.Add(new RouteConfig
        {
            RouteId = PortalRoute.RouteId,
            ClusterId = PortalRoute.ResourceName,
            // Reads only: a catch-all that took POST would stand in the way of the gateway's own 415 for a POST without a
            // content type (routing drops the 415 while any candidate accepts the request, before the path constraint runs).
            // The portal's forms, when they come, get routes of their own.
            Match = new RouteMatch { Path = PortalRoute.Pattern, Methods = ["GET", "HEAD"] },
            Order = PortalRoute.Order,
            Timeout = timeout,
            OutputCachePolicy = GatewayOutputCache.PolicyName,
        });
        clusters.Add(new ClusterConfig
        {
            ClusterId = PortalRoute.ResourceName,
            Destinations = new Dictionary<string, DestinationConfig> { [PortalRoute.ResourceName] = new() { Address = PortalRoute.ServiceAddress } },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(10), Policy = "ConsecutiveFailures", Path = "/alive" },
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(5) },
            },
        });
    }

    /// <summary>The proxy pipeline: a declared body over the route's limit is refused up front (413), failures become problem details (503), idempotent requests get one retry.</summary>
    public static WebApplication MapPlatformReverseProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<DeclaredBodyLimitMiddleware>();
            proxy.UseMiddleware<ProxyFailureMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
