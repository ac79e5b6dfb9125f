using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Api;
using MassTransit;
using Npgsql;

namespace CooperationPlatform.Bench.Scenarios;

/// <summary>
/// Analytics: ingestion of project messages published on the broker, uncached and cached views through the gateway with
/// 50,000 projects, and publish-to-visible freshness at 100 writes per second.
/// </summary>
public sealed class AnalyticsScenario : IScenario
{
    private const int Projects = 50_000;
    private const int SharedPhaseProjects = 20_000;
    private static readonly string[] CountryPool = ["CHN", "IDN", "VNM", "LKA", "NPL", "ETH", "KEN", "BRA", "PER", "FJI", "EGY", "IND", "MEX", "GHA"];

    public string Name => "analytics";
    public string Description => "Analytics: ingestion msg/s, uncached views at 50,000 projects, cached views at 500 rps, freshness at 100 writes/s";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var broker = RabbitMqAddress.Parse(context.ConnectionString("messaging"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
        }));
        await bus.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = context.GatewayUrl };
            var results = new List<BenchResult>(await IngestAsync(bus, context, cancellationToken));
            results.Add(await ViewsAsync(http, context, "uncached views (50,000 projects)", 20, uncached: true, cancellationToken));
            results.AddRange(await EachUncachedViewAsync(http, cancellationToken));
            results.Add(await ViewsAsync(http, context, "cached view", 500, uncached: false, cancellationToken));
            results.Add(await PublishToVisibleAsync(bus, http, context, cancellationToken));
            results.Add(await CommitToVisibleAsync(http, context, cancellationToken));
            return results;
        }
        finally
        {
            await bus.StopAsync(cancellationToken);
        }
    }

    private static ProjectRegistered Project(Random random, int year)
    {
        var id = Guid.NewGuid();
        var goals = Enumerable.Range(1, 17).OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToArray();
        var partners = Enumerable.Range(0, random.Next(5)).Select(_ => new PartnerRoles(Guid.NewGuid(), [PartnerRole.Implementing])).ToArray();
        return new ProjectRegistered
        {
            AggregateId = id,
            AggregateVersion = 1,
            Project = new ProjectSnapshot
            {
                ProjectId = id,
                IatiIdentifier = $"XM-BENCH-{id:N}",
                Title = "Bench project",
                Language = "en",
                Status = (ProjectStatus)(1 + random.Next(6)),
                Modality = (ProjectModality)random.Next(3),
                PlannedStart = PartialDate.OfYear(year),
                Sdgs = [.. goals.Select((g, i) => new SdgContribution(g, i == 0, [$"{g}.1"]))],
                Countries = [.. CountryPool.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(c => new CountryShare(c, null))],
                Partners = partners,
                Funders = partners.Length == 0 ? [] : [new FunderCommitments(partners[0].InstitutionId, [new MoneyAmount(random.Next(1, 500) * 1000m, "USD")])],
            },
        };
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> CountRowsAsync(BenchContext context, string database, string table, CancellationToken cancellationToken)
    {
        await using var db = NpgsqlDataSource.Create(context.DatabaseConnectionString(database));
        return await CountAsync(db, $"SELECT count(*) FROM {table}", cancellationToken);
    }

    /// <summary>Polls on one data source: a new one per poll would open a connection every 100 ms on the machine being measured.</summary>
    private static async Task WaitForRowsAsync(BenchContext context, string database, string table, long rows, CancellationToken cancellationToken)
    {
        await using var db = NpgsqlDataSource.Create(context.DatabaseConnectionString(database));
        while (await CountAsync(db, $"SELECT count(*) FROM {table}", cancellationToken) < rows)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    private static readonly TimeSpan AutovacuumWaitCap = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The view cases measure the steady state, not the aftermath of a bulk load. Right after one, the planner still has the
    /// statistics of a much smaller table (plans then take seconds until autovacuum's analyze has run), and autovacuum's vacuum of
    /// the loaded tables takes a core for tens of seconds. So they start once no table of the two databases the load wrote is due
    /// for autovacuum (autovacuum's default thresholds) and no autovacuum worker runs on the server, or after three minutes.
    /// </summary>
    /// <returns>How long it waited, or null if it gave up at the cap.</returns>
    private static async Task<TimeSpan?> WaitForAutovacuumAsync(BenchContext context, CancellationToken cancellationToken)
    {
        // Autovacuum's thresholds are on pg_class.reltuples, the planner's row count.
        const string tablesDue = """
            SELECT count(*) FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
            WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) OR s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
                OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
            """;
        const string workersRunning = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'";
        var clock = Stopwatch.StartNew();
        await using var analytics = NpgsqlDataSource.Create(context.DatabaseConnectionString("analyticsdb"));
        await using var directory = NpgsqlDataSource.Create(context.DatabaseConnectionString("directorydb"));
        while (clock.Elapsed < AutovacuumWaitCap)
        {
            if (await CountAsync(analytics, tablesDue, cancellationToken) + await CountAsync(directory, tablesDue, cancellationToken)
                + await CountAsync(analytics, workersRunning, cancellationToken) == 0)
            {
                return clock.Elapsed;
            }
            await Task.Delay(500, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// Two phases of publishing as fast as the broker takes the messages, each timed from its first publish until analytics has
    /// applied them all. The directory consumes the same messages (track records) on the same two cores: in the first phase it
    /// does, as it would in production; in the second it is paused (SIGSTOP), which gives what analytics ingests on the machine
    /// alone, and its catch-up afterwards what the directory ingests alone. The view cases start once it has caught up, so that
    /// they measure the views rather than the views competing with a backlog.
    /// </summary>
    private static async Task<IEnumerable<BenchResult>> IngestAsync(IBusControl bus, BenchContext context, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var messages = Enumerable.Range(0, Projects).Select(i => Project(random, 2000 + i % 26)).ToArray();
        var shared = messages[..SharedPhaseProjects];
        var alone = messages[SharedPhaseProjects..];
        var directory = context.ProcessId("directory-api");
        var directoryRows = await CountRowsAsync(context, "directorydb", "portfolio_projects", cancellationToken);

        var sharedResult = await IngestPhaseAsync(bus, context, shared, "with the directory consuming the same messages", cancellationToken);
        await WaitForRowsAsync(context, "directorydb", "portfolio_projects", directoryRows + shared.Length, cancellationToken);

        ProcessSignals.Pause(directory);
        BenchResult aloneResult;
        try
        {
            aloneResult = await IngestPhaseAsync(bus, context, alone, "alone: the directory paused", cancellationToken);
        }
        finally
        {
            ProcessSignals.Resume(directory);
        }
        var catchUp = Stopwatch.StartNew();
        await WaitForRowsAsync(context, "directorydb", "portfolio_projects", directoryRows + messages.Length, cancellationToken);
        var caughtUpAfter = catchUp.Elapsed;
        var directoryRate = alone.Length / caughtUpAfter.TotalSeconds;
        Console.WriteLine($"  the directory caught up on {alone.Length} messages in {caughtUpAfter.TotalSeconds:0.0} s ({directoryRate:0} msg/s)");
        var settled = await WaitForAutovacuumAsync(context, cancellationToken);
        Console.WriteLine(settled is { } after
            ? $"  autovacuum had caught up {after.TotalSeconds:0.0} s later"
            : $"  autovacuum had not caught up after {AutovacuumWaitCap.TotalMinutes:0} minutes; the view cases run anyway");
        return
        [
            sharedResult,
            aloneResult,
            new BenchResult("analytics", "directory catching up on the paused phase (its own ingestion, analytics idle)", 0, alone.Length, 0,
                directoryRate, 0, 0, 0, $"{alone.Length} messages in {caughtUpAfter.TotalSeconds:0.0} s"),
        ];
    }

    private static async Task<BenchResult> IngestPhaseAsync(IBusControl bus, BenchContext context, ProjectRegistered[] messages, string how,
        CancellationToken cancellationToken)
    {
        var rowsAfter = await CountRowsAsync(context, "analyticsdb", "projects", cancellationToken) + messages.Length;
        var clock = Stopwatch.StartNew();
        foreach (var batch in messages.Chunk(500))
        {
            await Task.WhenAll(batch.Select(m => bus.Publish(m, cancellationToken)));
        }
        var published = clock.Elapsed;
        await WaitForRowsAsync(context, "analyticsdb", "projects", rowsAfter, cancellationToken);
        var elapsed = clock.Elapsed;
        Console.WriteLine($"  {how}: published {messages.Length} in {published.TotalSeconds:0.0} s, all applied after {elapsed.TotalSeconds:0.0} s");
        return new BenchResult("analytics", $"ingestion {how} (publish to applied)", 0, messages.Length, 0, messages.Length / elapsed.TotalSeconds,
            0, 0, 0, $"published in {published.TotalSeconds:0.0} s");
    }

    private static readonly string[] Views = ["/sdgs/9", "/overview", "/countries/IDN", "/regions/002", "/partnerships", "/modalities", "/sdgs"];

    private static readonly TimeSpan ViewWarmUp = TimeSpan.FromSeconds(5);

    /// <summary>Uncached: every request has a year range never asked before, so the view is computed from 50,000 projects.</summary>
    private static async Task<BenchResult> ViewsAsync(HttpClient http, BenchContext context, string @case, double rate, bool uncached,
        CancellationToken cancellationToken)
    {
        var sequence = 0;
        string NextPath()
        {
            var n = Interlocked.Increment(ref sequence);
            return uncached ? $"/api/analytics/v1{Views[n % Views.Length]}?fromYear={1000 + n / Views.Length % 999}&toYear=9999" : "/api/analytics/v1/sdgs/9";
        }

        var (recorder, elapsed) = await OpenLoopLoad.WarmThenRunAsync(rate, ViewWarmUp, rate, context.Duration, ct => http.GetOkAsync(NextPath(), ct),
            cancellationToken);
        return recorder.ToResult("analytics", @case + " via gateway", rate, elapsed);
    }

    /// <summary>Each view alone, uncached (a year range of its own per request), 10 rps for 3 s: which views make the p99.</summary>
    private static async Task<IEnumerable<BenchResult>> EachUncachedViewAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var results = new List<BenchResult>();
        var fromYear = 2000;
        foreach (var view in Views)
        {
            var duration = TimeSpan.FromSeconds(3);
            var recorder = await OpenLoopLoad.RunAsync(10, duration,
                ct => http.GetOkAsync($"/api/analytics/v1{view}?fromYear={Interlocked.Decrement(ref fromYear)}&toYear=9999", ct), cancellationToken);
            results.Add(recorder.ToResult("analytics", $"uncached {view} alone via gateway", 10, duration));
        }
        return results;
    }

    /// <summary>
    /// 100 projects a second published as <see cref="ProjectRegistered"/>, each in a year of its own: the time from publishing until
    /// analytics shows it. Publishing stands in for the source's commit: the outbox relay is not included.
    /// </summary>
    private static async Task<BenchResult> PublishToVisibleAsync(IBusControl bus, HttpClient http, BenchContext context, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        var (visible, _) = await TimeToVisibleAsync(http, firstYear: 5000, context.Duration, async (year, ct) =>
        {
            ProjectRegistered message;
            lock (random)
            {
                message = Project(random, year);
            }
            await bus.Publish(message, ct);
        }, cancellationToken);
        return visible.ToResult("analytics", "freshness publish-to-visible at 100 writes/s", 100, context.Duration, "one poller every 5 ms adds up to 5 ms");
    }

    /// <summary>
    /// The whole path from a source's commit: 100 projects a second created through the portfolio's API via the gateway, each in a
    /// year of its own; the time from sending the POST until analytics shows it. The POST answers once the
    /// project and its outbox row are committed, so this bounds commit-to-visible from above: it includes the write itself, the
    /// outbox relay, the broker and analytics.
    /// </summary>
    private static async Task<BenchResult> CommitToVisibleAsync(HttpClient http, BenchContext context, CancellationToken cancellationToken)
    {
        using var writer = await BenchHttp.WriterAsync(context, "portfolio.write", cancellationToken);
        async Task CreateProjectAsync(int year, CancellationToken ct)
        {
            var goal = 1 + year % 17;
            using var response = await writer.PostAsJsonAsync("/api/portfolio/v1/projects", new
            {
                Title = "Bench project",
                Status = ProjectStatus.Implementation,
                Modality = ProjectModality.SouthSouth,
                PlannedStart = PartialDate.OfYear(year),
                Sdgs = new[] { new SdgContribution(goal, true, [$"{goal}.1"]) },
                Countries = new[] { new CountryShare(CountryPool[year % CountryPool.Length], null) },
            }, ApiDefaults.JsonOptions, ct);
            response.EnsureSuccessStatusCode();
        }
        // The portfolio's write path has not run before in this scenario: its first seconds (JIT, pools) are not measured.
        await TimeToVisibleAsync(http, firstYear: 6500, ViewWarmUp, CreateProjectAsync, cancellationToken);
        var (visible, writes) = await TimeToVisibleAsync(http, firstYear: 7000, context.Duration, CreateProjectAsync, cancellationToken);
        return visible.ToResult("analytics", "freshness commit-to-visible at 100 writes/s (POST to the portfolio via gateway)", 100, context.Duration,
            $"the POST itself p50 {writes.ToResult("", "", 0, context.Duration).P50Ms:0.00} ms; one poller every 5 ms adds up to 5 ms");
    }

    /// <summary>
    /// At 100 writes a second, each of a project in a year of its own (from <paramref name="firstYear"/> up), the time from the start
    /// of the write until analytics shows it, and the time the write itself took. One poller reads the modality trend of all those
    /// years every 5 ms and sees which have a project: polling each write's own view instead multiplied the reads by the latency,
    /// and at 100 writes/s a slow path then drowned in its own polls. A write that fails or is not visible 10 s after the last one
    /// counts as an error.
    /// </summary>
    private static async Task<(LatencyRecorder Visible, LatencyRecorder Writes)> TimeToVisibleAsync(HttpClient http, int firstYear, TimeSpan duration,
        Func<int, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var visible = new LatencyRecorder();
        var writes = new LatencyRecorder();
        var startedAt = new ConcurrentDictionary<int, long>();
        var year = firstYear;
        var writing = OpenLoopLoad.RunAsync(100, duration, async ct =>
        {
            var projectYear = Interlocked.Increment(ref year);
            var started = Stopwatch.GetTimestamp();
            startedAt[projectYear] = started;
            try
            {
                await write(projectYear, ct);
                writes.Record(Stopwatch.GetElapsedTime(started));
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                startedAt.TryRemove(projectYear, out _);
                visible.RecordError();
            }
        }, cancellationToken);

        var seen = new HashSet<int>();
        var lastWrite = (long?)null;
        while (lastWrite is null || Stopwatch.GetElapsedTime(lastWrite.Value) < TimeSpan.FromSeconds(10))
        {
            var trend = await http.GetFromJsonAsync<ModalityTrend>($"/api/analytics/v1/modalities?fromYear={firstYear + 1}&toYear=9999",
                ApiDefaults.JsonOptions, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            foreach (var shown in trend!.Years.Where(y => startedAt.ContainsKey(y.Year) && seen.Add(y.Year)))
            {
                visible.Record(Stopwatch.GetElapsedTime(startedAt[shown.Year], now));
            }
            if (writing.IsCompleted)
            {
                lastWrite ??= now;
                if (seen.Count == startedAt.Count)
                {
                    break;
                }
            }
            await Task.Delay(5, cancellationToken);
        }
        await writing;
        foreach (var _ in startedAt.Keys.Where(y => !seen.Contains(y)))
        {
            visible.RecordError();
        }
        return (visible, writes);
    }

    private sealed record ModalityTrend(IReadOnlyList<ModalityYear> Years);

    private sealed record ModalityYear(int Year);
}
