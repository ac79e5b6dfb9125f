using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CooperationPlatform.AppHost.Demo;

/// <summary>What one load did: records created, records already there, and steps that waited or changed a status.</summary>
public sealed record DemoLoadReport(int Created, int Existing, int StatusChanges)
{
    public override string ToString() => $"{Created} created, {Existing} already there, {StatusChanges} status changes";
}

/// <summary>
/// Loads the demo dataset (<see cref="DemoDataSet"/>) through the gateway's public API as a partner client, so that it takes the
/// same paths as any partner's data: validation, outbox, messages, analytics. Every record has a stable id and is created only when
/// a GET finds no record with that id, so a second load, or two loads at once, change nothing.
/// </summary>
public sealed class DemoDataLoader
{
    private static readonly TimeSpan AwaitTimeout = TimeSpan.FromMinutes(2);
    private readonly HttpClient _gateway;
    private readonly Action<string> _log;
    private int _created;
    private int _existing;
    private int _statusChanges;

    private DemoDataLoader(HttpClient gateway, Action<string> log)
    {
        _gateway = gateway;
        _log = log;
    }

    public static async Task<DemoLoadReport> LoadAsync(Uri gatewayUrl, string clientId, string clientSecret, Action<string> log,
        CancellationToken cancellationToken = default)
    {
        using var gateway = new HttpClient { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await GatewayTokens.AccessTokenAsync(gateway, clientId, clientSecret, cancellationToken: cancellationToken));
        var loader = new DemoDataLoader(gateway, log);
        foreach (var file in DemoDataSet.Files())
        {
            log($"  {file.Name}: {file.Steps.Count} steps");
            foreach (var step in file.Steps)
            {
                await loader.RunAsync(step, cancellationToken);
            }
        }
        return new DemoLoadReport(loader._created, loader._existing, loader._statusChanges);
    }

    private Task RunAsync(DemoStep step, CancellationToken cancellationToken) => step switch
    {
        { Create: { } collection, Body: { } body } => EnsureCreatedAsync(collection, body, cancellationToken),
        { Await: { } path } => AwaitAsync(path, cancellationToken),
        { Status: { } path, To: { } status } => EnsureRecordStatusAsync(path, status, cancellationToken),
        _ => throw new DemoDataException($"A demo step needs create and body, await, or status and to: {JsonSerializer.Serialize(step)}"),
    };

    private async Task EnsureCreatedAsync(string collection, JsonObject body, CancellationToken cancellationToken)
    {
        var id = body["id"]?.GetValue<string>() ?? throw new DemoDataException($"A record for {collection} has no id: ids must be stable.");
        var path = $"{collection}/{id}";
        using (var existing = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken))
        {
            if (existing.IsSuccessStatusCode)
            {
                _existing++;
                return;
            }
            await ExpectAsync(existing, HttpStatusCode.NotFound, path);
        }
        using var created = await SendAsync(HttpMethod.Post, collection, body, null, cancellationToken);
        if (created.StatusCode == HttpStatusCode.Conflict)
        {
            // Another loader created it since our GET: it is there, which is all a load wants.
            using var again = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
            await ExpectAsync(again, HttpStatusCode.OK, path);
            _existing++;
            return;
        }
        await ExpectAsync(created, HttpStatusCode.Created, collection);
        _created++;
    }

    /// <summary>Waits for a record another service learns of through messages (the portfolio's copy of an institution, say).</summary>
    private async Task AwaitAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            if (response.StatusCode != HttpStatusCode.NotFound || clock.Elapsed > AwaitTimeout)
            {
                await ExpectAsync(response, HttpStatusCode.OK, $"{path} (waited {clock.Elapsed.TotalSeconds:0} s)");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private async Task EnsureRecordStatusAsync(string path, string status, CancellationToken cancellationToken)
    {
        using var current = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
        await ExpectAsync(current, HttpStatusCode.OK, path);
        var record = await current.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (record?["status"]?.GetValue<string>() == status)
        {
            return;
        }
        using var changed = await SendAsync(HttpMethod.Post, $"{path}/status", new JsonObject { ["status"] = status }, current.Headers.ETag,
            cancellationToken);
        await ExpectAsync(changed, HttpStatusCode.OK, $"{path}/status");
        _statusChanges++;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, EntityTagHeaderValue? ifMatch,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (ifMatch is not null)
            {
                request.Headers.IfMatch.Add(ifMatch);
            }
            var response = await _gateway.SendAsync(request, cancellationToken);
            // A shared development client can meet its rate limit, and a service can be restarting: both pass.
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt == 10)
            {
                return response;
            }
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            _log($"  {method} {path}: {(int)response.StatusCode}, retrying in {wait.TotalSeconds:0} s");
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new DemoDataException($"{response.RequestMessage?.Method} {what}: expected {(int)expected}, got {(int)response.StatusCode} " +
                await response.Content.ReadAsStringAsync());
        }
    }
}

public sealed class DemoDataException(string message) : Exception(message);
