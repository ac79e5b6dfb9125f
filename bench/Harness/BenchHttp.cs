using System.Net;
using System.Net.Http.Headers;

namespace CooperationPlatform.Bench;

/// <summary>Clients for the gateway: an anonymous one for measured reads, an authorised one for loading data.</summary>
public static class BenchHttp
{
    public static HttpClient Reader(BenchContext context) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = context.GatewayUrl };

    /// <summary>Imports of tens of thousands of records run for minutes: far past HttpClient's default 100 s.</summary>
    public static async Task<HttpClient> WriterAsync(BenchContext context, string scopes, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = context.GatewayUrl, Timeout = TimeSpan.FromMinutes(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await context.AccessTokenAsync(scopes, cancellationToken));
        return http;
    }

    /// <summary>Reads the whole answer and throws unless it is a 200, so the load generator counts it as an error.</summary>
    public static async Task GetOkAsync(this HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}");
        }
    }
}
