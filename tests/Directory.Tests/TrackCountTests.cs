using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Directory.Tests;

/// <summary>The counted-project totals that matching bounds track records by equal a recount after any mix of project messages.</summary>
public sealed class TrackCountTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task Kept_counts_equal_a_recount_after_partner_and_status_changes()
    {
        var random = new Random(20261130);
        var institutions = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var statuses = Enum.GetValues<ProjectStatus>();
        var projects = Enumerable.Range(0, 12).Select(i => (Snapshot: Portfolio.Project($"Project {i}", ProjectStatus.Pipeline, []), Version: 0L)).ToArray();
        for (var step = 0; step < 60; step++)
        {
            var index = random.Next(projects.Length);
            var (snapshot, version) = projects[index];
            var partners = institutions.Where(_ => random.Next(3) == 0).ToArray();
            var changed = snapshot with
            {
                Status = statuses[random.Next(statuses.Length)],
                Partners = [.. partners.Select(p => new PartnerRoles(p, [PartnerRole.Implementing]))],
            };
            projects[index] = (changed, version + 1);
            if (version == 0)
            {
                await service.RegisterProjectAsync(changed, version + 1);
            }
            else
            {
                await service.UpdateProjectAsync(changed, version + 1);
            }
        }
        // A stale message changes nothing.
        await service.UpdateProjectAsync(projects[0].Snapshot with { Status = ProjectStatus.Closed, Partners = [.. institutions.Select(p => new PartnerRoles(p, []))] }, 1);
        var expected = institutions.ToDictionary(id => id, id => projects.Count(p => p.Version > 0
            && p.Snapshot.Status is not (ProjectStatus.Pipeline or ProjectStatus.Cancelled)
            && p.Snapshot.Partners.Any(partner => partner.InstitutionId == id)));

        await Eventually.HoldsAsync(async () =>
        {
            var (kept, recounted) = await CountsAsync(institutions);
            return kept.SequenceEqual(recounted) && recounted.SequenceEqual(institutions.Select(id => expected[id]));
        }, "the kept counts equal a recount of the projects received");
    }

    [Fact]
    public async Task The_start_up_recount_repairs_counts_kept_wrong()
    {
        var institution = Guid.NewGuid();
        var stranger = Guid.NewGuid();
        await service.RegisterProjectAsync(Portfolio.Project("Counted", ProjectStatus.Implementation, [institution]));
        await Eventually.HoldsAsync(async () => (await CountsAsync([institution])).Kept[0] == 1, "the project is counted");
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            // As an instance of an older version, still consuming during a rolling upgrade, would leave them.
            await db.Database.ExecuteSqlAsync($"UPDATE institution_track_counts SET counted_projects = 0 WHERE institution_id = {institution}", Cancel);
            await db.Database.ExecuteSqlAsync($"INSERT INTO institution_track_counts VALUES ({stranger}, 3)", Cancel);

            await TrackCountRecount.RecountAsync(db, Cancel);
        }

        var (kept, recounted) = await CountsAsync([institution, stranger]);
        Assert.Equal([1, 0], kept);
        Assert.Equal(recounted, kept);
    }

    [Fact]
    public async Task A_project_changed_by_another_transaction_meanwhile_is_refused_not_counted_twice()
    {
        var institution = Guid.NewGuid();
        var registered = Portfolio.Project("Contended", ProjectStatus.Pipeline, [institution]);
        await service.RegisterProjectAsync(registered);
        await Eventually.HoldsAsync(async () => (await CountsAsync([institution])).Recounted[0] == 0 && await StoredVersionAsync(registered.ProjectId) == 1,
            "the project is stored, not counted");

        // Two instances apply versions 2 and 3 at the same moment: the second read version 1 before the first committed version 2.
        var counted = registered with { Status = ProjectStatus.Implementation };
        await ApplyConcurrentlyAsync(counted, 2, counted with { Title = "Contended, v3" }, 3);

        var (kept, recounted) = await CountsAsync([institution]);
        Assert.Equal([1], recounted);
        Assert.Equal(recounted, kept);
    }

    [Fact]
    public async Task A_project_first_inserted_by_another_transaction_meanwhile_is_refused_not_counted_twice()
    {
        var institution = Guid.NewGuid();
        var project = Portfolio.Project("Contended insert", ProjectStatus.Implementation, [institution]);

        // Two instances receive the project's first two versions at the same moment; neither has a row to read.
        await ApplyConcurrentlyAsync(project, 1, project with { Title = "Contended insert, v2" }, 2);

        var (kept, recounted) = await CountsAsync([institution]);
        Assert.Equal([1], recounted);
        Assert.Equal(recounted, kept);
        Assert.Equal(1, await StoredVersionAsync(project.ProjectId));
    }

    /// <summary>
    /// Applies <paramref name="firstVersion"/> in one transaction and, before it commits, <paramref name="secondVersion"/> in another,
    /// which blocks on the first's lock; then commits the first and checks that the second is refused (and rolls it back).
    /// </summary>
    private async Task ApplyConcurrentlyAsync(ProjectSnapshot first, long firstVersion, ProjectSnapshot second, long secondVersion)
    {
        await using var firstScope = service.Services.CreateAsyncScope();
        await using var secondScope = service.Services.CreateAsyncScope();
        await using var observerScope = service.Services.CreateAsyncScope();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var secondDb = secondScope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var now = DateTimeOffset.UtcNow;
        await using var firstTransaction = await firstDb.Database.BeginTransactionAsync(Cancel);
        Assert.True(await PortfolioProjectRows.ApplyAsync(firstDb, Model.PortfolioProject.From(first, firstVersion, now), Cancel));
        await using var secondTransaction = await secondDb.Database.BeginTransactionAsync(Cancel);
        var secondApply = PortfolioProjectRows.ApplyAsync(secondDb, Model.PortfolioProject.From(second, secondVersion, now), Cancel);
        await RowLocks.WaitUntilBlockedAsync(observerScope.ServiceProvider.GetRequiredService<DirectoryDbContext>(), secondDb);
        Assert.False(secondApply.IsCompleted);
        await firstTransaction.CommitAsync(Cancel);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondApply);
        await secondTransaction.RollbackAsync(Cancel);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<long?> StoredVersionAsync(Guid projectId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        return await db.PortfolioProjects.Where(p => p.Id == projectId).Select(p => (long?)p.Version).SingleOrDefaultAsync(Cancel);
    }

    private async Task<(int[] Kept, int[] Recounted)> CountsAsync(Guid[] institutions)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var kept = await db.Set<Model.InstitutionTrackCount>().Where(c => institutions.Contains(c.InstitutionId))
            .ToDictionaryAsync(c => c.InstitutionId, c => c.CountedProjects, TestContext.Current.CancellationToken);
        var recounted = await db.PortfolioProjects.Where(p => p.CountsForTrackRecord).SelectMany(p => p.Partners)
            .Where(pp => institutions.Contains(pp.InstitutionId)).GroupBy(pp => pp.InstitutionId)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), TestContext.Current.CancellationToken);
        return ([.. institutions.Select(id => kept.GetValueOrDefault(id))], [.. institutions.Select(id => recounted.GetValueOrDefault(id))]);
    }
}
