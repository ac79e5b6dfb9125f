using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CooperationPlatform.Portal.Api;

/// <summary>
/// The portal's one client of the platform: the gateway's public API (<c>http://gateway</c>, found by service discovery), read
/// anonymously, exactly as any partner system reads it. Never a service's own address, never a database. Each call has a short
/// timeout (<see cref="PortalOptions.TimeoutSeconds"/>); any failure becomes <see cref="ApiOutcome.Unavailable"/>, logged here once.
/// The records it reads into are the portal's own (<c>Api/*Models.cs</c>), written from the public JSON, not the services' types.
/// </summary>
public sealed partial class PortalApi(HttpClient http, ILogger<PortalApi> logger)
{
    public const string HttpClientName = "gateway-api";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return ApiResult<T>.NotFound;
            }
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                LogFailure(logger, path, $"{(int)response.StatusCode} {Truncate(body)}", null);
                return ApiResult<T>.Unavailable;
            }
            var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return value is null ? ApiResult<T>.Unavailable : ApiResult<T>.Ok(value);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TimeoutRejectedException or BrokenCircuitException
            or NotSupportedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailure(logger, path, e.GetType().Name, e);
            return ApiResult<T>.Unavailable;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Path} through the gateway failed: {Failure}")]
    private static partial void LogFailure(ILogger logger, string path, string failure, Exception? exception);
}
