using System.Net;
using System.Xml.Linq;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Tests.Iati;

/// <summary>
/// Old data may hold what the API now refuses (a control character, which XML cannot carry). Such a record is put straight into
/// the database here, and the exports must then either write valid XML or fail where the client sees it: never a 200 whose XML
/// merely ends early.
/// </summary>
public sealed class IatiExportIntegrityTests(PortfolioFactory factory, InfrastructureFixture infrastructure) : IClassFixture<PortfolioFactory>
{
    private const string BulkExport = "/api/portfolio/v1/iati/activities";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_project_stored_with_a_control_character_in_its_title_fails_its_export_with_a_500_problem()
    {
        using var client = factory.CreateWriter();
        var id = await CreateUnwritableProjectAsync(factory, client);

        using var response = await client.GetAsync($"{Requests.Projects}/{id}/iati", Cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_bulk_export_answers_a_500_problem_when_a_project_among_the_first_activities_cannot_be_written()
    {
        await using var portfolio = await StartEmptyAsync();
        using var client = portfolio.CreateWriter();
        await CreateProjectsAsync(client, 3);
        await CreateUnwritableProjectAsync(portfolio, client);

        using var response = await client.GetAsync(BulkExport, HttpCompletionOption.ResponseHeadersRead, Cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_bulk_export_breaks_the_transfer_when_a_project_after_the_first_sent_activities_cannot_be_written()
    {
        await using var portfolio = await StartEmptyAsync();
        using var client = portfolio.CreateWriter();
        // More than the 64 activities the export sends at a time, so the 200 and the first of them are out before the bad one.
        await CreateProjectsAsync(client, 70);
        await CreateUnwritableProjectAsync(portfolio, client);

        using var response = await client.GetAsync(BulkExport, HttpCompletionOption.ResponseHeadersRead, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var broken = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.True(broken is HttpRequestException or IOException, $"Expected a broken transfer, got {broken?.GetType().Name ?? "a complete body"}.");
    }

    [Fact]
    public async Task The_bulk_export_is_still_whole_and_valid_when_every_project_can_be_written()
    {
        await using var portfolio = await StartEmptyAsync();
        using var client = portfolio.CreateWriter();
        await CreateProjectsAsync(client, 70);

        var xml = await client.GetByteArrayAsync(BulkExport, Cancellation);

        Assert.Empty(IatiSchema.Validate(new MemoryStream(xml)));
        Assert.Equal(70, XDocument.Load(new MemoryStream(xml)).Root!.Elements("iati-activity").Count());
    }

    private async Task<PortfolioFactory> StartEmptyAsync()
    {
        var portfolio = new PortfolioFactory(infrastructure);
        await portfolio.InitializeAsync();
        return portfolio;
    }

    private static async Task CreateProjectsAsync(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await (await client.PostJsonAsync(Requests.Projects, new ProjectRequest { Title = $"Writable project {i}" }))
                .AssertStatusAsync(HttpStatusCode.Created);
        }
    }

    /// <summary>A project created through the API, then given a title with U+0001 behind its back, as data stored before the API refused it.</summary>
    private static async Task<Guid> CreateUnwritableProjectAsync(PortfolioFactory portfolio, HttpClient client)
    {
        var created = await (await client.PostJsonAsync(Requests.Projects, new ProjectRequest { Title = "Soon unwritable" })).ReadAsync<ProjectResponse>(HttpStatusCode.Created);
        var title = "Aquaculture \u0001 systems";
        var changed = await portfolio.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE projects SET title = {title} WHERE id = {created.Id}"));
        Assert.Equal(1, changed);
        return created.Id;
    }
}
