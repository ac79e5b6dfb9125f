using System.Runtime.CompilerServices;
using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

/// <summary>How project rows and their partner pairs are written (<see cref="ProjectRows"/>), and what the rebuild relies on.</summary>
public sealed class ProjectRowsTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public void Every_message_the_handlers_consume_names_the_projection_it_writes()
    {
        // The rebuild deletes the rows of a projection that no snapshot message named: a consumed message type without a projection
        // would make it delete live rows.
        var consumed = typeof(Projector).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .ToList();

        Assert.NotEmpty(consumed);
        Assert.All(consumed, type => Assert.NotNull(Projector.ProjectionOf((IntegrationEvent)RuntimeHelpers.GetUninitializedObject(type))));
    }

    [Fact]
    public async Task A_project_changed_by_another_transaction_meanwhile_fails_the_commit_and_leaves_no_stale_pair()
    {
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        var project = Project(Guid.NewGuid(), UniqueYear(), 9, partners: [new Partner(x, PartnerRole.Implementing)]);
        var registered = Registered(project);
        await analytics.PublishAsync(registered);
        await analytics.WaitConsumedAsync(registered.Id);

        // Two instances apply versions 2 (partners X and Y) and 3 (X alone) at the same moment; the second read version 1.
        await using var firstScope = analytics.Services.CreateAsyncScope();
        await using var secondScope = analytics.Services.CreateAsyncScope();
        await using var observerScope = analytics.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var version2 = Updated(project with { Partners = [new PartnerRoles(x, [PartnerRole.Implementing]), new PartnerRoles(y, [PartnerRole.Funding])] }, 2);
        var version3 = Updated(project, 3);
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Cancel);
        await firstScope.ServiceProvider.GetRequiredService<Projector>().ApplyAsync(version2, Cancel);
        await ProjectRows.FlushAsync(first, Cancel);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(Cancel);
        await secondScope.ServiceProvider.GetRequiredService<Projector>().ApplyAsync(version3, Cancel);
        var secondCommit = secondTransaction.CommitAsync(Cancel);
        await RowLocks.WaitUntilBlockedAsync(observerScope.ServiceProvider.GetRequiredService<AnalyticsDbContext>(), second);
        await firstTransaction.CommitAsync(Cancel);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondCommit);
        await secondTransaction.RollbackAsync(Cancel);
        Assert.Equal(1, await PairsOfAsync(project.ProjectId));

        // Retried, as the consumer's retry would, against version 2's row: X alone again, no pair left.
        await using var retryScope = analytics.Services.CreateAsyncScope();
        var retry = retryScope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        await using (var transaction = await retry.Database.BeginTransactionAsync(Cancel))
        {
            await retryScope.ServiceProvider.GetRequiredService<Projector>().ApplyAsync(version3, Cancel);
            await transaction.CommitAsync(Cancel);
        }
        Assert.Equal(0, await PairsOfAsync(project.ProjectId));
        Assert.Equal(3, await analytics.WithDbAsync(db => db.Projects.Where(p => p.Id == project.ProjectId).Select(p => p.Version).SingleAsync(Cancel)));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<int> PairsOfAsync(Guid projectId) =>
        analytics.WithDbAsync(db => db.PartnerPairs.CountAsync(p => p.ProjectId == projectId, Cancel));
}
