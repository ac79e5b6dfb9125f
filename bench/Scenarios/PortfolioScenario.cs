using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CooperationPlatform.Bench.Scenarios;

/// <summary>
/// The portfolio with 50,000 projects, imported as CSV through the gateway with partners from 500 directory institutions; then faceted
/// search at 200 requests per second with varied filters, and one bulk IATI export of every project, streamed, with the portfolio
/// process's memory sampled while it runs.
/// </summary>
public sealed class PortfolioScenario : IScenario
{
    private const string Api = "/api/portfolio/v1";
    private const int Projects = 50_000;
    private const int ProjectsPerFile = 10_000;
    private const int Partners = 500;
    private const double Rate = 200;
    private static readonly string[] Statuses = ["pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended"];
    private static readonly string[] Modalities = ["south-south", "triangular", "south-south-with-multilateral-facilitator"];

    /// <summary>Analytics and the directory apply the import's 50,000 messages afterwards; measuring before they finish would measure them too.</summary>
    private static readonly TimeSpan SettleBudget = TimeSpan.FromMinutes(5);

    public string Name => "portfolio";
    public string Description => "Portfolio: faceted search at 200 rps and bulk IATI export (activities/s, memory) with 50,000 projects";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var writer = await BenchHttp.WriterAsync(context, "directory.write portfolio.write portfolio.read", cancellationToken);
        using var reader = BenchHttp.Reader(context);
        var (partners, _) = await InstitutionImport.ImportAsync(writer, Partners, "Bench partner", seed: 9, cancellationToken);
        await WaitForReplicaAsync(writer, partners, cancellationToken);

        var settleClock = Stopwatch.StartNew();
        var analyticsBefore = await AnalyticsProjectsAsync(reader, settleClock, cancellationToken);
        Console.WriteLine($"  importing {Projects:N0} projects in files of {ProjectsPerFile:N0}...");
        var importClock = Stopwatch.StartNew();
        var random = new Random(13);
        for (var first = 0; first < Projects; first += ProjectsPerFile)
        {
            await ImportProjectsAsync(writer, ProjectsCsv(random, first, ProjectsPerFile, partners), cancellationToken);
            Console.WriteLine($"  {first + ProjectsPerFile:N0} imported after {importClock.Elapsed.TotalSeconds:0.0} s");
        }
        var importTime = importClock.Elapsed;
        await WaitUntilAsync(async () => await SearchCountAsync(reader, $"{Api}/projects?pageSize=1", cancellationToken) >= Projects, TimeSpan.FromMinutes(1),
            "the search index to show every project", cancellationToken);
        settleClock.Restart();
        var settled = await WaitUntilAsync(async () => await AnalyticsProjectsAsync(reader, settleClock, cancellationToken) >= analyticsBefore + Projects, SettleBudget,
            null, cancellationToken);
        var loaded = $"{Projects:N0} projects (CSV import in {Projects / ProjectsPerFile} files, {importTime.TotalSeconds:0.0} s; partners from {Partners} institutions); " +
            (settled ? $"consumers caught up {settleClock.Elapsed.TotalSeconds:0} s later" : $"consumers still busy after {SettleBudget.TotalMinutes:0} min");
        Console.WriteLine($"  loaded: {loaded}");

        var results = new List<BenchResult>
        {
            new("portfolio", "load: projects CSV import", 0, Projects, 0, Projects / importTime.TotalSeconds, 0, 0, importTime.TotalMilliseconds,
                $"{Projects / ProjectsPerFile} requests; max = their total duration"),
        };
        var (search, searchTime) = await OpenLoopLoad.WarmThenRunAsync(Rate / 10, TimeSpan.FromSeconds(5), Rate, context.Duration,
            ct => reader.GetOkAsync(SearchPath(Random.Shared), ct), cancellationToken);
        results.Add(search.ToResult("portfolio", "faceted search /projects via gateway", Rate, searchTime, loaded));
        results.Add(await ExportAsync(reader, context, cancellationToken));
        return results;
    }

    private static async Task WaitForReplicaAsync(HttpClient writer, Guid[] institutions, CancellationToken cancellationToken)
    {
        foreach (var id in institutions)
        {
            await WaitUntilAsync(async () =>
            {
                using var response = await writer.GetAsync($"{Api}/institutions/{id}", cancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromMinutes(2), "the portfolio's institution replica to know every partner", cancellationToken);
        }
    }

    private static string ProjectsCsv(Random random, int first, int count, Guid[] partners)
    {
        var csv = new StringBuilder("id,title,summary,status,modality,plannedStart,plannedEnd,countries,primarySdg,secondarySdgs,sectors,cooperationModes,budgetAmount,budgetCurrency,partners\n");
        for (var i = first; i < first + count; i++)
        {
            var countries = random.Pick(InstitutionImport.Countries, 1, 3);
            var sdgs = random.Sdgs(1, 3);
            var sectors = random.Pick(InstitutionImport.Sectors, 1, 2);
            var start = 2000 + random.Next(26);
            var team = random.Pick(partners, 1, 4);
            csv.Append(CultureInfo.InvariantCulture, $"{Guid.CreateVersion7()},\"Bench project {i}: {sectors[0].Replace('-', ' ')} in {countries[0].Name.Replace("\"", "\"\"")}\",")
                .Append(CultureInfo.InvariantCulture, $"\"Cooperation on {string.Join(" and ", sectors.Select(s => s.Replace('-', ' ')))}.\",")
                .Append(CultureInfo.InvariantCulture, $"{Statuses[random.Next(Statuses.Length)]},{Modalities[random.Next(Modalities.Length)]},{start},{start + 1 + random.Next(6)},")
                .Append(CultureInfo.InvariantCulture, $"{string.Join(';', countries.Select(c => c.Alpha3))},{sdgs[0]},{string.Join(';', sdgs.Skip(1))},")
                .Append(CultureInfo.InvariantCulture, $"{string.Join(';', sectors)},{string.Join(';', random.Pick(InstitutionImport.CooperationModes, 1, 2))},")
                .Append(CultureInfo.InvariantCulture, $"{random.Next(1, 500) * 1000},USD,")
                .Append(string.Join(';', team.Select((p, n) => $"{p}|{(n == 0 ? "funding" : "implementing")}")))
                .Append('\n');
        }
        return csv.ToString();
    }

    private static async Task ImportProjectsAsync(HttpClient writer, string csv, CancellationToken cancellationToken)
    {
        using var response = await writer.PostAsync($"{Api}/csv/imports?mode=commit", new StringContent(csv, Encoding.UTF8, "text/csv"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Project import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }
        var report = JsonSerializer.Deserialize<JsonElement>(body);
        if (report.GetProperty("failed").GetInt32() > 0)
        {
            throw new InvalidOperationException($"Project import failed {report.GetProperty("failed").GetInt32()} records; first: {report.GetProperty("items")[0]}");
        }
    }

    private static async Task<long> SearchCountAsync(HttpClient reader, string path, CancellationToken cancellationToken) =>
        (await reader.GetFromJsonAsync<JsonElement>(path, cancellationToken)).GetProperty("count").GetInt64();

    /// <summary>A year range never asked before, so the overview is computed, not served from a cache.</summary>
    private static async Task<long> AnalyticsProjectsAsync(HttpClient reader, Stopwatch clock, CancellationToken cancellationToken) =>
        (await reader.GetFromJsonAsync<JsonElement>($"/api/analytics/v1/overview?fromYear={1000 + (int)clock.Elapsed.TotalSeconds % 999}&toYear=9999",
            cancellationToken)).GetProperty("projects").GetInt64();

    /// <summary>Polls every 500 ms; false after <paramref name="budget"/>, or an exception naming <paramref name="what"/> if given.</summary>
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan budget, string? what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > budget)
            {
                return what is null ? false : throw new TimeoutException($"Waited {budget.TotalSeconds:0} s for {what}.");
            }
            await Task.Delay(500, cancellationToken);
        }
        return true;
    }

    private static string SearchPath(Random random)
    {
        var country = InstitutionImport.Countries[random.Next(InstitutionImport.Countries.Count)];
        var path = $"{Api}/projects?sdg={random.Next(1, 18)}&status={Statuses[random.Next(Statuses.Length)]}&pageSize=20";
        var year = 2000 + random.Next(26);
        return random.Next(4) switch
        {
            0 => path + $"&country={country.Alpha3}",
            1 => path + $"&region={country.SubRegionCode}&modality={Modalities[random.Next(Modalities.Length)]}",
            2 => path + $"&sector={InstitutionImport.Sectors[random.Next(InstitutionImport.Sectors.Count)]}&yearFrom={year}&yearTo={year + 3}",
            _ => path + $"&region={country.RegionCode}&mode={InstitutionImport.CooperationModes[random.Next(InstitutionImport.CooperationModes.Count)]}",
        };
    }

    /// <summary>
    /// The whole export read as it streams, counting closing activity tags in a small buffer; the portfolio's resident memory is
    /// sampled from /proc every 50 ms meanwhile (only when the benchmark started the stack as local processes).
    /// </summary>
    private static async Task<BenchResult> ExportAsync(HttpClient reader, BenchContext context, CancellationToken cancellationToken)
    {
        int? processId = context.ProcessId("portfolio-api");
        var before = ResidentBytes(processId);
        using var sampling = new CancellationTokenSource();
        long peak = before ?? 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (ResidentBytes(processId) is { } now)
                {
                    peak = Math.Max(peak, now);
                }
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        using var response = await reader.GetAsync($"{Api}/iati/activities", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var firstByte = clock.Elapsed;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var (activities, bytes) = await CountActivitiesAsync(body, cancellationToken);
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        var after = ResidentBytes(processId);

        // At least the projects loaded here: in an `all` run the analytics scenario has written some of its own before.
        var errors = response.StatusCode == HttpStatusCode.OK && activities >= Projects ? 0 : 1;
        var memory = before is null || after is null
            ? "portfolio memory not measured (no local process to read)"
            : $"portfolio RSS {before / Mib:0} MiB before, peak {peak / Mib:0} MiB during, {after / Mib:0} MiB after";
        Console.WriteLine($"  export: {activities:N0} activities, {bytes / Mib:0.0} MiB in {elapsed.TotalSeconds:0.0} s; {memory}");
        return new BenchResult("portfolio", "bulk IATI export /iati/activities via gateway", 0, activities, errors, activities / elapsed.TotalSeconds,
            0, 0, elapsed.TotalMilliseconds,
            $"HTTP {(int)response.StatusCode}, {bytes / Mib / elapsed.TotalSeconds:0.0} MiB/s, first byte after {firstByte.TotalMilliseconds:0} ms; {memory}; max = export duration");
    }

    private const double Mib = 1024 * 1024;

    private static readonly byte[] ActivityEnd = "</iati-activity>"u8.ToArray();

    private static async Task<(long Activities, long Bytes)> CountActivitiesAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024 + ActivityEnd.Length];
        var carried = 0;
        long activities = 0, bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(carried, buffer.Length - carried), cancellationToken)) > 0)
        {
            bytes += read;
            var filled = carried + read;
            var window = buffer.AsSpan(0, filled);
            for (var at = window.IndexOf(ActivityEnd); at >= 0; at = window.IndexOf(ActivityEnd))
            {
                activities++;
                window = window[(at + ActivityEnd.Length)..];
            }
            // A tag split across two reads is found once the rest arrives.
            carried = Math.Min(window.Length, ActivityEnd.Length - 1);
            buffer.AsSpan(filled - carried, carried).CopyTo(buffer);
        }
        return (activities, bytes);
    }

    private static long? ResidentBytes(int? processId)
    {
        try
        {
            var line = processId is null ? null : File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
