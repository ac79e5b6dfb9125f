using System.Text.Json.Nodes;

namespace CooperationPlatform.AppHost;

/// <summary>
/// Client-credentials tokens from the gateway's token endpoint, got the way a partner system gets them: by the demo loader, the
/// tests and the benchmarks.
/// </summary>
public static class GatewayTokens
{
    public const string Path = "/connect/token";

    public static Task<HttpResponseMessage> RequestAsync(HttpClient gateway, string clientId, string clientSecret, string? scope = null,
        CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        return gateway.PostAsync(Path, new FormUrlEncodedContent(form), cancellationToken);
    }

    /// <exception cref="HttpRequestException">The gateway refused the client or the scope.</exception>
    public static async Task<string> AccessTokenAsync(HttpClient gateway, string clientId, string clientSecret, string? scope = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await RequestAsync(gateway, clientId, clientSecret, scope, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!["access_token"]!.GetValue<string>()
            : throw new HttpRequestException($"The gateway refused a token to '{clientId}': {(int)response.StatusCode} {body}", null, response.StatusCode);
    }
}
