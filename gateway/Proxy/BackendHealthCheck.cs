using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CooperationPlatform.Gateway.Proxy;

/// <summary>
/// Whether a backend reports itself ready. One that does not is reported with the registration's failure status, which the gateway
/// sets to Degraded: its <c>/health</c> (the readiness probe) stays 200 and it keeps routing to the other backends, rather than
/// every gateway instance leaving the load balancer because one service is down.
/// </summary>
public sealed class BackendHealthCheck(IHttpClientFactory httpClients, Backend backend, Uri address) : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
