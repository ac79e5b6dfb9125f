namespace CooperationPlatform.Bench.Scenarios;

/// <summary>The cheapest endpoint (<c>/api/directory/v1/info</c>), directly and through the gateway, at the same fixed rates.</summary>
public sealed class GatewayOverheadScenario : IScenario
{
    private const string Path = "/api/directory/v1/info";

    public string Name => "gateway";
    public string Description => "Requests through the gateway against direct requests to a service's cheapest endpoint.";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var targets = new (string Case, Uri Url)[]
        {
            ("direct: directory-api", new Uri(context.ServiceUrl("directory-api"), Path)),
            ("through gateway", new Uri(context.GatewayUrl, Path)),
        };
        var results = new List<BenchResult>();
        foreach (var rate in new[] { 500.0, 1000.0 })
        {
            foreach (var (@case, url) in targets)
            {
                await WarmUpAsync(http, url, cancellationToken);
                var recorder = await OpenLoopLoad.RunAsync(rate, context.Duration, async ct =>
                {
                    using var response = await http.GetAsync(url, ct);
                    response.EnsureSuccessStatusCode();
                }, cancellationToken);
                results.Add(recorder.ToResult(Name, @case, rate, context.Duration));
            }
        }
        foreach (var (@case, url) in targets)
        {
            var recorder = await OpenLoopLoad.RunClosedAsync(32, context.Duration, async ct =>
            {
                using var response = await http.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
            }, cancellationToken);
            results.Add(recorder.ToResult(Name, @case + " (32 conns)", 0, context.Duration));
        }
        return results;
    }

    private static async Task WarmUpAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 500; i++)
        {
            using var response = await http.GetAsync(url, cancellationToken);
        }
    }
}
