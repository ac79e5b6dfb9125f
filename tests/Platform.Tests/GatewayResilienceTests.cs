using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

public sealed class GatewayResilienceTests(PlatformFixture platform)
{
    private const int LoadCallers = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A stack of its own on the shared servers (its databases prefixed), so that killing a backend disturbs no other test. The kill
    /// is what an operator sees in the dashboard: the resource Exited with its log kept, and the Start command brings it back.
    /// </summary>
    [Fact]
    public async Task A_backend_killed_under_load_gives_fast_503s_is_reported_and_recovers_from_the_dashboard_without_a_gateway_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var stack = await AppHostStack.StartAsync("resilience", await platform.SharedServersArgumentsAsync(), cancel);
        using var gateway = new HttpClient { BaseAddress = stack.Endpoint("gateway"), Timeout = TimeSpan.FromSeconds(30) };
        var directoryProcess = await stack.ProcessIdAsync("directory-api");
        // The gateway's /health names its backends only to platform.admin.
        var partners = new PartnerAccess(gateway, stack.Secrets);
        var adminToken = await partners.TokenAsync(partners.DevelopmentClient, cancellationToken: cancel);

        // Eight callers keep asking while the backend is killed under them.
        using var stopLoad = new CancellationTokenSource();
        var outcomes = new ConcurrentQueue<(HttpStatusCode? Status, TimeSpan Took, bool Problem, bool RetryAfter)>();
        var callers = Enumerable.Range(0, LoadCallers).Select(_ => Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    using var response = await gateway.GetAsync($"/api/directory/v1/info?n={Guid.NewGuid():N}", cancel);
                    outcomes.Enqueue((response.StatusCode, clock.Elapsed, response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                        response.Headers.RetryAfter is not null));
                }
                catch (HttpRequestException)
                {
                    // An answer the backend had started when it died cannot become a 503: the gateway cuts it off.
                    outcomes.Enqueue((null, clock.Elapsed, false, false));
                }
            }
        }, cancel)).ToList();
        JsonElement health;
        HttpResponseMessage otherBackend;
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(outcomes.Any(o => o.Status == HttpStatusCode.OK)), "a caller has an answer before the kill",
                TimeSpan.FromSeconds(15), PollInterval);
            Process.GetProcessById(directoryProcess).Kill(entireProcessTree: true);
            await Task.Delay(TimeSpan.FromSeconds(3), cancel);
            using var healthResponse = await gateway.SendAsync(PartnerAccess.WithToken(new(HttpMethod.Get, "/health"), adminToken), cancel);
            health = await healthResponse.Content.ReadFromJsonAsync<JsonElement>(cancel);
            otherBackend = await gateway.GetAsync($"/api/portfolio/v1/info?n={Guid.NewGuid():N}", cancel);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await Task.WhenAll(callers);
        }
        using var _ = otherBackend;
        var exited = await stack.App.ResourceNotifications.WaitForResourceAsync("directory-api",
            e => e.Snapshot.State?.Text is "Exited" or "Finished", cancel).WaitAsync(TimeSpan.FromSeconds(10), cancel);
        var log = Path.Combine(stack.DataDirectory, "logs", "directory-api.log");
        var logged = File.ReadAllLines(log);
        await stack.CommandAsync("directory-api", "resource-start", cancel);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await gateway.GetAsync($"/api/directory/v1/info?n={Guid.NewGuid():N}", cancel);
            return response.StatusCode == HttpStatusCode.OK;
        }, "the gateway routes to the backend started again from the dashboard's command, without a restart of its own", TimeSpan.FromSeconds(15), PollInterval);

        var unavailable = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Contains(outcomes, o => o.Status == HttpStatusCode.OK);
        Assert.True(unavailable.Count > LoadCallers, $"{unavailable.Count} answers of 503 while the backend was down");
        Assert.All(outcomes, o => Assert.True(o.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable or null, $"answered {o.Status}"));
        Assert.True(outcomes.Count(o => o.Status is null) <= LoadCallers, "more answers cut off than were in flight at the kill");
        Assert.All(unavailable, o => Assert.True(o.Problem && o.RetryAfter, "a 503 without problem details or Retry-After"));
        var slowest = unavailable.Max(o => o.Took);
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"a 503 took {slowest}");
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("directory-api").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, otherBackend.StatusCode);
        Assert.NotEqual(0, exited.Snapshot.ExitCode ?? 0);
        // The log of the dead process is kept, from its start to its last line, for the dashboard and .data/logs.
        Assert.Contains(logged, line => line.Contains("Now listening on", StringComparison.Ordinal));
    }
}
