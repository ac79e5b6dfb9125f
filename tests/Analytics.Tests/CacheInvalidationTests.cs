using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.Contracts.Messages.Portfolio;
using Microsoft.EntityFrameworkCore;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

public sealed class CacheInvalidationTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task A_cached_view_never_shows_a_stale_figure_once_the_change_is_applied()
    {
        var year = UniqueYear();
        var project = Project(Guid.NewGuid(), year, 9, []);
        await analytics.PublishAsync(Registered(project));
        var path = $"{AnalyticsFactory.Root}/sdgs/9?fromYear={year}&toYear={year}";
        Assert.Equal(1, (await analytics.GetAsync<SdgView>(path)).PrimaryProjects);

        for (var version = 2; version <= 41; version++)
        {
            // Readers keep the view hot (cached) while the change is being applied.
            using var stop = new CancellationTokenSource();
            var readers = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await analytics.GetAsync<SdgView>(path);
                }
            }, TestContext.Current.CancellationToken);
            var primary = version % 2 == 1 ? 9 : 6;
            await analytics.PublishAsync(Updated(project with { Sdgs = [new SdgContribution(primary, true, [])] }, version));

            var view = await analytics.GetAsync<SdgView>(path);
            await stop.CancelAsync();
            await readers;
            Assert.Equal(primary == 9 ? 1 : 0, view.PrimaryProjects);
        }
    }

    [Fact]
    public async Task A_view_is_served_from_the_cache_until_a_projection_it_reads_changes()
    {
        var year = UniqueYear();
        await analytics.PublishAsync(Registered(Project(Guid.NewGuid(), year, 4, [])));
        var path = $"{AnalyticsFactory.Root}/sdgs/4?fromYear={year}&toYear={year}";
        Assert.Equal(1, (await analytics.GetAsync<SdgView>(path)).PrimaryProjects);

        // Written behind the service's back: a cached view does not see it, proving the read came from the cache...
        await analytics.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE projects SET primary_sdg = 5 WHERE start_year = {year}"""));
        Assert.Equal(1, (await analytics.GetAsync<SdgView>(path)).PrimaryProjects);

        // ...until a message changes the projects projection; an event message leaves project views cached.
        await analytics.PublishAsync(Event(Guid.NewGuid(), year, "Vienna", "AUT"));
        Assert.Equal(1, (await analytics.GetAsync<SdgView>(path)).PrimaryProjects);
        await analytics.PublishAsync(Registered(Project(Guid.NewGuid(), year, 1, [])));
        Assert.Equal(0, (await analytics.GetAsync<SdgView>(path)).PrimaryProjects);
    }
}
