namespace CooperationPlatform.Bench.Scenarios;

/// <summary>
/// The same backend endpoint three ways, in one run: directly, through the gateway, and through nginx. The uncached case uses
/// <c>/info</c> (the cheapest endpoint); the cacheable case uses reference data, which the gateway serves from its output cache.
/// </summary>
public sealed class GatewayOverheadScenario : IScenario
{
    private const string UncachedPath = "/api/directory/v1/info";
    private const string CacheablePath = "/api/directory/v1/reference/sectors";

    public string Name => "gateway";
    public string Description => "Direct vs gateway vs nginx on the same endpoint: throughput (wrk) and latency at fixed rates (open loop).";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var direct = context.ServiceUrl("directory-api");
        await using var nginx = NginxProxy.IsInstalled ? await NginxProxy.StartAsync(direct) : null;
        var targets = new List<(string Case, Uri Base)> { ("direct", direct), ("gateway", context.GatewayUrl) };
        if (nginx is not null)
        {
            targets.Add(("nginx", nginx.Url));
        }

        var results = new List<BenchResult>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        foreach (var (@case, baseUrl) in targets)
        {
            var url = new Uri(baseUrl, UncachedPath);
            await WarmUpAsync(http, url, cancellationToken);
            if (Wrk.IsInstalled)
            {
                results.Add(await Wrk.RunAsync(Name, $"{@case} {UncachedPath}", url, context.Duration));
            }
            var recorder = await OpenLoopLoad.RunAsync(1000, context.Duration, async ct =>
            {
                using var response = await http.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
            }, cancellationToken);
            results.Add(recorder.ToResult(Name, $"{@case} {UncachedPath}", 1000, context.Duration));
        }
        if (Wrk.IsInstalled)
        {
            foreach (var (@case, baseUrl) in targets.Where(t => t.Case != "nginx"))
            {
                var url = new Uri(baseUrl, CacheablePath);
                await WarmUpAsync(http, url, cancellationToken);
                results.Add(await Wrk.RunAsync(Name, $"{@case} {CacheablePath}", url, context.Duration));
            }
        }
        return results;
    }

    /// <summary>
    /// Under load, tiered compilation goes on for tens of seconds: after 8 s of wrk, a profile of the gateway still showed 13% of its
    /// CPU in the JIT. Each path is measured warm, as a long-running proxy serves.
    /// </summary>
    private static readonly TimeSpan WarmUpDuration = TimeSpan.FromSeconds(20);

    private static async Task WarmUpAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        if (Wrk.IsInstalled)
        {
            await Wrk.RunAsync("warm-up", "warm-up", url, WarmUpDuration);
            return;
        }
        for (var i = 0; i < 2000; i++)
        {
            using var response = await http.GetAsync(url, cancellationToken);
        }
    }
}
