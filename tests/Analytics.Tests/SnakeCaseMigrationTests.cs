using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Analytics.Tests;

public sealed class SnakeCaseMigrationTests(InfrastructureFixture infrastructure)
{
    private const string MigrationBeforeSnakeCase = "20261201042242_DropCountriesIndex";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_written_under_the_PascalCase_names_are_read_back_under_the_snake_case_names()
    {
        await using var database = await MigrationTestDatabase<AnalyticsDbContext>.AtAsync(infrastructure, MigrationBeforeSnakeCase, options => new AnalyticsDbContext(options));
        var db = database.Db;
        var (projectId, a, b, funder) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (first, second) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        await database.ExecuteAsync($"""
            INSERT INTO projects ("Id", "Version", "Title", "Status", "Modality", "StartYear", "PrimarySdg", "Sdgs", "Targets", "Countries",
                "Places", "Partners", "Funders", "CommitmentFunders", "CommitmentCurrencies", "CommitmentAmounts")
            VALUES ('{projectId}', 4, 'Water for the delta', 1, 2, 2025, 6, ARRAY[6, 17], ARRAY['6.1'], ARRAY['CHN', 'VNM'], ARRAY['CHN', 'VNM'],
                ARRAY['{a}', '{b}']::uuid[], ARRAY['{funder}']::uuid[], ARRAY['{funder}']::uuid[], ARRAY['EUR'], ARRAY[1500.50]);
            INSERT INTO partner_pairs ("ProjectId", "A", "B", "StartYear", "Status") VALUES ('{projectId}', '{first}', '{second}', 2025, 1);
            """);

        await database.MigrateToLatestAsync();

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, Cancel);
        Assert.Equal(("Water for the delta", 4L, 2025, 6), (project.Title, project.Version, project.StartYear, project.PrimarySdg));
        Assert.Equal(new[] { 6, 17 }, project.Sdgs);
        Assert.Equal(new[] { a, b }, project.Partners);
        Assert.Equal(new[] { 1500.50m }, project.CommitmentAmounts);
        var pair = await db.PartnerPairs.AsNoTracking().SingleAsync(p => p.ProjectId == projectId, Cancel);
        Assert.Equal((first, second, 2025), (pair.A, pair.B, pair.StartYear));
        // The stored generated column follows its renamed source column, on the migrated row and on a row written afterwards.
        Assert.Equal(2, await db.Database.SqlQuery<int>($"SELECT partner_count AS \"Value\" FROM projects WHERE id = {projectId}").SingleAsync(Cancel));
        var later = Guid.NewGuid();
        await database.ExecuteAsync($$"""
            INSERT INTO projects (id, version, title, sdgs, targets, countries, places, partners, funders, commitment_funders, commitment_currencies, commitment_amounts)
            VALUES ('{{later}}', 1, 'Later', '{}', '{}', '{}', '{}', ARRAY['{{a}}', '{{b}}', '{{funder}}']::uuid[], '{}', '{}', '{}', '{}')
            """);
        Assert.Equal(3, await db.Database.SqlQuery<int>($"SELECT partner_count AS \"Value\" FROM projects WHERE id = {later}").SingleAsync(Cancel));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Cancel));
    }
}
