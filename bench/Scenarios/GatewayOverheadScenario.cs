using System.Globalization;

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
        var processes = new Dictionary<string, int>
        {
            ["backend"] = ProcessId(context, "directory-api"),
            ["gateway"] = ProcessId(context, "gateway"),
        };
        if (nginx is not null)
        {
            targets.Add(("nginx", nginx.Url));
            processes["nginx"] = nginx.ProcessId;
        }
        var cpu = new CpuMeter(processes);

        var results = new List<BenchResult>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        foreach (var (_, baseUrl) in targets)
        {
            await WarmUpAsync(http, new Uri(baseUrl, UncachedPath), cancellationToken);
        }
        if (Wrk.IsInstalled)
        {
            results.AddRange(await InterleavedThroughputAsync(targets, cpu, UncachedPath, context.Duration, comparedWith: "nginx"));
        }
        foreach (var (@case, baseUrl) in targets)
        {
            var url = new Uri(baseUrl, UncachedPath);
            var recorder = await OpenLoopLoad.RunAsync(1000, context.Duration, async ct =>
            {
                using var response = await http.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
            }, cancellationToken);
            results.Add(recorder.ToResult(Name, $"{@case} {UncachedPath}", 1000, context.Duration));
        }
        if (Wrk.IsInstalled)
        {
            var cacheable = targets.Where(t => t.Case != "nginx").ToList();
            foreach (var (_, baseUrl) in cacheable)
            {
                await WarmUpAsync(http, new Uri(baseUrl, CacheablePath), cancellationToken);
            }
            results.AddRange(await InterleavedThroughputAsync(cacheable, cpu, CacheablePath, context.Duration, comparedWith: "direct"));
        }
        return results;
    }

    private const int ThroughputRounds = 3;

    /// <summary>
    /// This machine's speed drifts by up to a third within minutes, so paths measured one after another compare minutes as much as
    /// proxies. The paths take turns instead, round after round. Each path reports its median round, and the gateway's row carries
    /// its throughput over <paramref name="comparedWith"/>'s in each round: the two were measured seconds apart. The median round
    /// also carries the CPU time per request of its proxy, of the backend and of the whole machine: with the machine busy, those
    /// decide the throughput.
    /// </summary>
    private async Task<IEnumerable<BenchResult>> InterleavedThroughputAsync(IReadOnlyList<(string Case, Uri Base)> targets, CpuMeter cpu, string path,
        TimeSpan duration, string comparedWith)
    {
        var rounds = new List<Dictionary<string, (BenchResult Result, string Cpu)>>();
        for (var round = 0; round < ThroughputRounds; round++)
        {
            var results = new Dictionary<string, (BenchResult, string)>();
            foreach (var (@case, baseUrl) in targets)
            {
                var before = cpu.Take();
                var result = await Wrk.RunAsync(Name, $"{@case} {path}", new Uri(baseUrl, path), duration);
                results[@case] = (result, CpuMeter.PerRequest(before, cpu.Take(), result.Operations, @case == "direct" ? ["backend"] : [@case, "backend"]));
            }
            rounds.Add(results);
        }
        return targets.Select(target =>
        {
            var median = rounds.Select(round => round[target.Case]).OrderBy(measured => measured.Result.Throughput).ElementAt(rounds.Count / 2);
            var note = $"rounds: {string.Join(", ", rounds.Select(round => $"{round[target.Case].Result.Throughput:0}/s"))}";
            if (target.Case == "gateway" && rounds[0].ContainsKey(comparedWith))
            {
                var ratios = rounds.Select(round => round["gateway"].Result.Throughput / round[comparedWith].Result.Throughput).ToList();
                note += $"; of {comparedWith} per round: {string.Join(", ", ratios.Select(ratio => ratio.ToString("0.00", CultureInfo.InvariantCulture)))}";
            }
            return median.Result with { Note = $"{note}; CPU per request: {median.Cpu}" };
        }).ToList();
    }

    private static int ProcessId(BenchContext context, string service) => context.ProcessId(service);

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
