using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;

namespace CooperationPlatform.Gateway.Proxy;

/// <summary>
/// Whether a backend reports itself ready. One that does not is reported with the registration's failure status, which the gateway
/// sets to Degraded: its <c>/health</c> (the readiness probe) stays 200 and it keeps routing to the other backends, rather than
/// every gateway instance leaving the load balancer because one service is down. The backend's address is resolved as the proxy
/// resolves it (service discovery), so the report names the address the proxy uses.
/// </summary>
public sealed class BackendHealthCheck(IHttpClientFactory httpClients, ServiceEndpointResolver endpoints, Backend backend) : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var resolved = await endpoints.GetEndpointsAsync(backend.ServiceAddress, cancellationToken);
        if (resolved.Endpoints is not [var endpoint, ..])
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{backend.ResourceName} has no address");
        }
        // A configured endpoint comes back as host and port; the scheme is the one asked for.
        var text = endpoint.ToString() ?? "";
        var address = new Uri(text.Contains("://", StringComparison.Ordinal) ? text : $"{new Uri(backend.ServiceAddress).Scheme}://{text}");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(new Uri(address, "/health"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{backend.ResourceName} at {address}")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{backend.ResourceName} at {address} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{backend.ResourceName} at {address} is not reachable: {e.Message}");
        }
    }
}
