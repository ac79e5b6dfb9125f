using System.Text.Json;
using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

public sealed class RebuildTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    private static readonly string[] CountryPool = ["CHN", "IDN", "VNM", "LKA", "NPL", "ETH", "KEN", "BRA", "PER", "FJI", "EGY", "IND"];
    private static readonly PartnerRole[] RolePool = Enum.GetValues<PartnerRole>();

    [Fact]
    public async Task Rebuilding_from_the_sources_state_equals_the_incrementally_maintained_state()
    {
        var random = new Random(TestContext.Current.TestCase!.UniqueID.GetHashCode(StringComparison.Ordinal));
        var institutions = Enumerable.Range(0, 12).Select(i => Guid.NewGuid()).ToArray();
        var network = institutions[0];
        var latest = new Dictionary<Guid, IntegrationEvent>();
        var published = new List<IntegrationEvent>();
        void Emit(IntegrationEvent message)
        {
            latest[message.AggregateId] = message;
            published.Add(message);
        }

        for (var i = 0; i < institutions.Length; i++)
        {
            Emit(Institution(institutions[i], $"Institution {i}", CountryPool[random.Next(CountryPool.Length)],
                i == 0 ? InstitutionType.Network : InstitutionType.ResearchOrTrainingCentre, i % 2 == 1 ? [network] : []));
        }
        var year = UniqueYears(3); // the projects spread over year, year + 1 and year + 2
        for (var p = 0; p < 40; p++)
        {
            var snapshot = RandomProject(random, Guid.NewGuid(), year + random.Next(3), institutions);
            Emit(Registered(snapshot));
            for (var version = 2; version <= 1 + random.Next(6); version++)
            {
                snapshot = random.Next(4) switch
                {
                    0 => RandomProject(random, snapshot.ProjectId, year + random.Next(3), institutions),
                    1 => snapshot with { Status = Enum.GetValues<ProjectStatus>()[random.Next(6)] },
                    2 => snapshot with { Partners = RandomPartners(random, institutions) },
                    _ => snapshot with { Sdgs = RandomSdgs(random), Countries = RandomCountries(random) },
                };
                Emit(random.Next(4) switch
                {
                    0 => Updated(snapshot, version),
                    1 => StatusChanged(snapshot, version),
                    2 => PartnersChanged(snapshot, version),
                    _ => Updated(snapshot, version),
                });
            }
        }
        var eventId = Guid.NewGuid();
        Emit(Event(eventId, year, "Vienna", "AUT"));
        for (var r = 0; r < 15; r++)
        {
            var confirmed = Confirmed(eventId, Participant(CountryPool[random.Next(CountryPool.Length)], $"City {random.Next(5)}", $"Org {random.Next(6)}"));
            Emit(confirmed);
            if (random.Next(3) == 0)
            {
                Emit(Cancelled(confirmed));
            }
        }
        for (var m = 0; m < 10; m++)
        {
            var requested = MeetingRequested(Guid.NewGuid(), eventId, Participant("CHN", "Chengdu", "A"), Participant("PER", "Lima", "B"));
            Emit(requested);
            if (random.Next(3) > 0)
            {
                Emit(MeetingScheduled(requested));
                Emit(MeetingOutcome(requested, (MeetingOutcome)random.Next(3), random.Next(2) == 0 ? Guid.NewGuid() : null));
            }
        }
        // Duplicates and late copies of older versions, as redeliveries would bring them.
        var replays = published.OrderBy(_ => random.Next()).Take(published.Count / 3).ToArray();
        await analytics.PublishAsync([.. published, .. replays]);

        var incremental = await CaptureAsync(year);

        // Drift: rows lost and rows wrong, as a bug or a manual edit would leave them.
        await analytics.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM projects WHERE id IN (SELECT id FROM projects ORDER BY id LIMIT 5)""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE projects SET primary_sdg = 1, countries = ARRAY['ATA'] WHERE id IN (SELECT id FROM projects ORDER BY id DESC LIMIT 5)""");
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM registrations WHERE id IN (SELECT id FROM registrations LIMIT 3)""");
            return await db.Database.ExecuteSqlRawAsync("""INSERT INTO projects (id, version, title, start_year, primary_sdg, sdgs, targets, countries, partners, funders, commitment_funders, commitment_currencies, commitment_amounts) VALUES (gen_random_uuid(), 1, 'ghost', {0}, 3, ARRAY[3], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::uuid[], ARRAY[]::uuid[], ARRAY[]::uuid[], ARRAY[]::text[], ARRAY[]::numeric[])""", year);
        });
        await analytics.WithScopeAsync(services => services.GetRequiredService<ViewCache>().InvalidateAllAsync().ContinueWith(_ => 0, TaskScheduler.Default));
        Assert.NotEqual(incremental, await CaptureAsync(year));

        var snapshots = new[]
        {
            Set("directory", Projection.Institutions, latest.Values.Where(m => m is Contracts.Messages.Directory.InstitutionEvent)),
            Set("portfolio", Projection.Projects, latest.Values.Where(m => m is ProjectRegistered or ProjectUpdated or ProjectStatusChanged or ProjectPartnerRolesChanged)),
            Set("events", Projection.Events, latest.Values.Where(m => m is EventSnapshot)),
            Set("events/registrations", Projection.Registrations, latest.Values.Where(m => m is RegistrationEvent)),
            Set("events/meetings", Projection.Meetings, latest.Values.Where(m => m is MeetingEvent)),
        };
        var result = await analytics.WithScopeAsync(services =>
            services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(snapshots, TestContext.Current.CancellationToken));

        Assert.All(result.Sources, s => Assert.True(s.Rebuilt));
        Assert.Equal(1, result.Sources.Single(s => s.Source == "portfolio").Removed);
        Assert.Equal(incremental, await CaptureAsync(year));
    }

    private static SnapshotSet Set(string source, Projection projection, IEnumerable<IntegrationEvent> messages) =>
        new(source, [projection], messages.OrderBy(m => m.AggregateId).ToAsyncEnumerable());

    /// <summary>Every view that reads the generated data, and the state rows themselves, as JSON.</summary>
    private async Task<string> CaptureAsync(int year)
    {
        using var client = analytics.Client();
        var views = new List<string>();
        var range = $"fromYear={year}&toYear={year + 2}";
        var paths = new List<string> { $"/overview?{range}", $"/sdgs?{range}", $"/partnerships?{range}", $"/modalities?{range}", $"/funnel?{range}",
            $"/groupings/ldc?{range}", $"/regions/142?{range}" };
        paths.AddRange(Enumerable.Range(1, 17).Select(g => $"/sdgs/{g}?{range}"));
        paths.AddRange(CountryPool.Select(c => $"/countries/{c}?{range}"));
        foreach (var path in paths)
        {
            views.Add(path + " " + await client.GetStringAsync(AnalyticsFactory.Root + path, TestContext.Current.CancellationToken));
        }
        var state = await analytics.WithDbAsync(async db => JsonSerializer.Serialize(new
        {
            Projects = await db.Projects.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            Institutions = await db.Institutions.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            Events = await db.Events.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            Registrations = await db.Registrations.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            Meetings = await db.Meetings.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
        }));
        return string.Join('\n', views) + "\n" + state;
    }

    private static ProjectSnapshot RandomProject(Random random, Guid id, int year, Guid[] institutions)
    {
        var funder = institutions[1 + random.Next(institutions.Length - 1)];
        return Project(id, year, 1 + random.Next(17), null, null,
            Enum.GetValues<ProjectStatus>()[random.Next(6)], (ProjectModality)random.Next(3),
            commitments: random.Next(2) == 0 ? [] : [(funder, random.Next(1, 100) * 1000m, random.Next(2) == 0 ? "USD" : "CNY")]) with
        {
            Sdgs = RandomSdgs(random),
            Countries = RandomCountries(random),
            Partners = RandomPartners(random, institutions),
        };
    }

    private static IReadOnlyList<SdgContribution> RandomSdgs(Random random)
    {
        var goals = Enumerable.Range(1, 17).OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToArray();
        return [.. goals.Select((g, i) => new SdgContribution(g, i == 0, random.Next(2) == 0 ? [$"{g}.1"] : []))];
    }

    private static IReadOnlyList<CountryShare> RandomCountries(Random random) =>
        [.. CountryPool.OrderBy(_ => random.Next()).Take(1 + random.Next(4)).Select(c => new CountryShare(c, null))];

    private static IReadOnlyList<PartnerRoles> RandomPartners(Random random, Guid[] institutions) =>
        [.. institutions.Skip(1).OrderBy(_ => random.Next()).Take(random.Next(5))
            .Select(i => new PartnerRoles(i, [RolePool[random.Next(RolePool.Length)]]))];
}
