using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CooperationPlatform.Gateway.Proxy;

/// <summary>The gateway is ready only when every backend reports itself ready.</summary>
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
                : HealthCheckResult.Unhealthy($"{backend.ResourceName} at {address} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{backend.ResourceName} at {address} is not reachable: {e.Message}");
        }
    }
}
