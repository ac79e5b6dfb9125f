using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CooperationPlatform.ServiceDefaults.Api;

namespace CooperationPlatform.Bench.Scenarios;

/// <summary>
/// The directory with 10,000 institutions (one CSV import) and 50,000 offers and needs (published one by one, 32 in flight), all
/// through the gateway; then faceted search and partner matching at 200 requests per second each, with varied filters.
/// </summary>
public sealed class DirectoryScenario : IScenario
{
    private const string Api = "/api/directory/v1";
    private const int Institutions = 10_000;
    private const int Listings = 50_000;
    private const int LoadConcurrency = 32;
    private const double SearchRate = 200;

    /// <summary>The issue gives matching a latency target but no rate; at 200/s it saturates two cores (about 30 matches/s).</summary>
    private const double MatchingRate = 20;

    /// <summary>Publishing stops here even if fewer listings are in; the notes say how many were loaded.</summary>
    private static readonly TimeSpan ListingBudget = TimeSpan.FromMinutes(5);

    public string Name => "directory";
    public string Description => "Directory: faceted search at 200 rps and matching at 20 rps with 10,000 institutions and 50,000 offers and needs";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var writer = await BenchHttp.WriterAsync(context, "directory.write directory.read", cancellationToken);
        using var reader = BenchHttp.Reader(context);
        Console.WriteLine($"  importing {Institutions:N0} institutions...");
        var (institutions, importTime) = await InstitutionImport.ImportAsync(writer, Institutions, "Bench institution", seed: 5, cancellationToken);
        Console.WriteLine($"  imported in {importTime.TotalSeconds:0.0} s; publishing {Listings:N0} offers and needs...");
        var (publishing, published, publishTime) = await PublishListingsAsync(writer, institutions, cancellationToken);
        var loaded = $"{Institutions:N0} institutions (CSV import, {importTime.TotalSeconds:0.0} s), {published:N0} of {Listings:N0} offers and needs " +
            $"(POST, {LoadConcurrency} in flight, {publishTime.TotalSeconds:0.0} s{(published < Listings ? $", stopped at the {ListingBudget.TotalMinutes:0} min budget" : "")})";
        Console.WriteLine($"  loaded: {loaded}");

        var results = new List<BenchResult>
        {
            new("directory", "load: institutions CSV import", 0, Institutions, 0, Institutions / importTime.TotalSeconds, 0, 0, importTime.TotalMilliseconds,
                "one request; max = its duration"),
            publishing.ToResult("directory", $"load: offers and needs POST ({LoadConcurrency} in flight)", 0, publishTime),
        };
        results.Add(await MeasureAsync(reader, context, "faceted search /institutions via gateway", SearchPath, SearchRate, loaded, cancellationToken));
        results.Add(await MeasureAsync(reader, context, "matching /matches via gateway", MatchPath, MatchingRate, loaded, cancellationToken));
        return results;
    }

    /// <summary>Offers and needs alternate, round-robin over the institutions so concurrent writes rarely lock the same offer profile.</summary>
    private static async Task<(LatencyRecorder Recorder, int Published, TimeSpan Elapsed)> PublishListingsAsync(HttpClient writer, Guid[] institutions,
        CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var published = 0;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Listings), new ParallelOptions { MaxDegreeOfParallelism = LoadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (clock.Elapsed > ListingBudget)
                {
                    return;
                }
                var random = new Random(i);
                var country = InstitutionImport.Countries[random.Next(InstitutionImport.Countries.Count)];
                var kind = i % 2 == 0 ? "offers" : "needs";
                var started = Stopwatch.GetTimestamp();
                using var response = await writer.PostAsJsonAsync($"{Api}/{kind}", new
                {
                    institutionId = institutions[i % institutions.Length],
                    title = $"Bench {kind[..^1]} {i}: {InstitutionImport.Sectors[i % InstitutionImport.Sectors.Count].Replace('-', ' ')}",
                    description = $"Cooperation in {country.Name}.",
                    sectors = random.Pick(InstitutionImport.Sectors, 1, 3),
                    sdgs = random.Sdgs(1, 2),
                    targetCountries = random.Next(2) == 0 ? new[] { country.Alpha3 } : [],
                    targetRegions = random.Next(2) == 0 ? new[] { country.SubRegionCode } : [],
                    cooperationModes = random.Pick(InstitutionImport.CooperationModes, 1, 2),
                }, ApiDefaults.JsonOptions, ct);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    recorder.Record(Stopwatch.GetElapsedTime(started));
                    Interlocked.Increment(ref published);
                }
                else
                {
                    recorder.RecordError();
                    if (Interlocked.Increment(ref failures) == 1)
                    {
                        Console.WriteLine($"  first failed listing: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    }
                }
            });
        return (recorder, published, clock.Elapsed);
    }

    private static string SearchPath(Random random)
    {
        var country = InstitutionImport.Countries[random.Next(InstitutionImport.Countries.Count)];
        var path = $"{Api}/institutions?sector={InstitutionImport.Sectors[random.Next(InstitutionImport.Sectors.Count)]}" +
            $"&region={(random.Next(2) == 0 ? country.RegionCode : country.SubRegionCode)}&pageSize=20";
        return random.Next(4) switch
        {
            0 => path + $"&sdg={random.Next(1, 18)}",
            1 => path + $"&type={InstitutionImport.Types[random.Next(InstitutionImport.Types.Length)]}",
            2 => path + $"&role={InstitutionImport.Roles[random.Next(InstitutionImport.Roles.Length)]}&status=active",
            _ => path,
        };
    }

    private static string MatchPath(Random random) =>
        $"{Api}/matches?sector={InstitutionImport.Sectors[random.Next(InstitutionImport.Sectors.Count)]}" +
        $"&country={InstitutionImport.Countries[random.Next(InstitutionImport.Countries.Count)].Alpha3}&sdg={random.Next(1, 18)}&limit=10";

    /// <summary>A short warm-up at a tenth of the rate, then the measured run; every request has criteria of its own.</summary>
    private static async Task<BenchResult> MeasureAsync(HttpClient reader, BenchContext context, string @case, Func<Random, string> path, double rate,
        string loaded, CancellationToken cancellationToken)
    {
        var (recorder, elapsed) = await OpenLoopLoad.WarmThenRunAsync(rate / 10, TimeSpan.FromSeconds(5), rate, context.Duration,
            ct => reader.GetOkAsync(path(Random.Shared), ct), cancellationToken);
        return recorder.ToResult("directory", @case, rate, elapsed, loaded);
    }
}
