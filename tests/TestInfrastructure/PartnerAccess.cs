using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.AppHost;

namespace CooperationPlatform.Testing;

public sealed record ClientCredentials(string ClientId, string ClientSecret);

/// <summary>Partner access the way a partner system gets it: tokens from the gateway's token endpoint, clients from its admin API.</summary>
public sealed class PartnerAccess(HttpClient gateway, PlatformSecrets secrets)
{
    public ClientCredentials DevelopmentClient => new(PlatformSecrets.DevelopmentClientId, secrets.DevelopmentClientSecret);

    public Task<HttpResponseMessage> RequestTokenAsync(ClientCredentials client, string? scope = null, CancellationToken cancellationToken = default) =>
        GatewayTokens.RequestAsync(gateway, client.ClientId, client.ClientSecret, scope, cancellationToken);

    public Task<string> TokenAsync(ClientCredentials client, string? scope = null, CancellationToken cancellationToken = default) =>
        GatewayTokens.AccessTokenAsync(gateway, client.ClientId, client.ClientSecret, scope, cancellationToken);

    /// <summary>Registers a partner client with a unique id (so tests never share one) and returns its credentials.</summary>
    public async Task<ClientCredentials> RegisterClientAsync(string prefix, string[] scopes, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/clients")
        {
            Content = JsonContent.Create(new { clientId = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)], displayName = prefix, scopes }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(DevelopmentClient, cancellationToken: cancellationToken));
        using var response = await gateway.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var credentials = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new ClientCredentials(credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!);
    }

    public static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
