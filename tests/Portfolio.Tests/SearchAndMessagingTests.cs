using System.Net;
using System.Text.Json;
using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Messaging;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.Portfolio.Search;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Tests;

public sealed class SearchAndMessagingTests(PortfolioFactory factory) : IClassFixture<PortfolioFactory>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_filters_on_each_facet_and_counts_the_matches()
    {
        var (funder, implementer) = await PartnersAsync();
        using var client = factory.CreateWriter();
        var spirulina = await CreateAsync(client, new ProjectRequest
        {
            Title = "Spirulina cultivation for nutrition",
            Status = ProjectStatus.Implementation,
            Modality = ProjectModality.SouthSouth,
            PlannedStart = PartialDate.Parse("2015"),
            PlannedEnd = PartialDate.Parse("2017"),
            Sdgs = [new SdgContribution(2, true, []), new SdgContribution(3, false, [])],
            Countries = [new CountryShare("VNM", null)],
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding]), new PartnerRoles(implementer, [PartnerRole.Implementing])],
        });
        var bamboo = await CreateAsync(client, new ProjectRequest
        {
            Title = "Bamboo processing technologies",
            Modality = ProjectModality.Triangular,
            PlannedStart = PartialDate.Parse("2019"),
            Sdgs = [new SdgContribution(13, true, []), new SdgContribution(2, false, [])],
            Countries = [new CountryShare("IDN", null)],
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding])],
        });
        var water = await CreateAsync(client, new ProjectRequest
        {
            Title = "Rural drinking water",
            Sdgs = [new SdgContribution(6, true, [])],
            Countries = [new CountryShare("VNM", null)],
            Partners = [new PartnerRoles(implementer, [PartnerRole.Implementing])],
        });
        var ours = $"partner={funder}&partner={implementer}";

        var all = await SearchAsync(client, ours);
        Assert.Equal(3, all.Count);
        Assert.Equal(2, all.Facets.Countries.Single(f => f.Value == "VNM").Count);
        Assert.Equal(2, all.Facets.Sdgs.Single(f => f.Value == "2").Count);
        Assert.Equal(1, all.Facets.PrimarySdgs.Single(f => f.Value == "2").Count);

        Assert.Equal(Sorted(spirulina, water), Ids(await SearchAsync(client, $"{ours}&country=VNM")));
        Assert.Equal(Sorted(spirulina, bamboo), Ids(await SearchAsync(client, $"{ours}&sdg=2")));
        Assert.Equal(Sorted(spirulina), Ids(await SearchAsync(client, $"{ours}&sdg=2&sdgMatch=primary")));
        Assert.Equal(Sorted(spirulina, bamboo), Ids(await SearchAsync(client, $"{ours}&funder={funder}")));
        Assert.Equal(Sorted(bamboo), Ids(await SearchAsync(client, $"{ours}&modality=triangular")));
        Assert.Equal(Sorted(spirulina), Ids(await SearchAsync(client, $"{ours}&status=implementation")));
        Assert.Equal(Sorted(spirulina), Ids(await SearchAsync(client, $"{ours}&yearTo=2017")));
        Assert.Equal(Sorted(spirulina), Ids(await SearchAsync(client, $"{ours}&q=spirulina")));
    }

    [Fact]
    public async Task A_bad_search_parameter_is_a_400_naming_it()
    {
        using var client = factory.CreateWriter();

        var response = await client.GetAsync($"{Requests.Projects}?country=XXX", Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "country");
    }

    [Fact]
    public async Task Similar_projects_come_most_similar_first_with_what_they_share()
    {
        var (funder, implementer) = await PartnersAsync();
        using var client = factory.CreateWriter();
        var target = await CreateAsync(client, new ProjectRequest
        {
            Title = "Recirculating aquaculture in Viet Nam",
            Sdgs = [new SdgContribution(14, true, [])],
            Countries = [new CountryShare("VNM", null)],
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding]), new PartnerRoles(implementer, [PartnerRole.Implementing])],
        });
        var close = await CreateAsync(client, new ProjectRequest
        {
            Title = "Recirculating aquaculture in Sri Lanka",
            Sdgs = [new SdgContribution(14, true, [])],
            Countries = [new CountryShare("LKA", null)],
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding]), new PartnerRoles(implementer, [PartnerRole.Implementing])],
        });
        var far = await CreateAsync(client, new ProjectRequest
        {
            Title = "E-government",
            Sdgs = [new SdgContribution(16, true, [])],
            Countries = [new CountryShare("VNM", null)],
        });

        var similar = await (await client.GetAsync($"{Requests.Projects}/{target}/similar?limit=50", Cancellation)).ReadAsync<List<SimilarProject>>();

        var first = similar.First(s => s.Project.Id == close || s.Project.Id == far);
        Assert.Equal(close, first.Project.Id);
        Assert.Contains(first.Reasons, r => r.Kind == "primary-sdg" && r.Values.SequenceEqual(["14"]));
        Assert.Contains(first.Reasons, r => r.Kind == "partner" && r.Values.Contains(funder.ToString()));
        Assert.Contains(similar.Single(s => s.Project.Id == far).Reasons, r => r.Kind == "country" && r.Values.SequenceEqual(["VNM"]));
        Assert.DoesNotContain(similar, s => s.Project.Id == target);
    }

    [Fact]
    public async Task Each_change_publishes_its_message_with_the_project_as_it_stands()
    {
        var (funder, implementer) = await PartnersAsync();
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest
        {
            Title = "Biogas digesters",
            Status = ProjectStatus.Pipeline,
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding])],
        });
        await (await client.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest
        {
            Title = "Biogas digesters for rural households",
            Status = ProjectStatus.Pipeline,
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding]), new PartnerRoles(implementer, [PartnerRole.Implementing])],
        }, "\"1\"")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync($"{Requests.Projects}/{id}/status", new StatusChangeRequest(ProjectStatus.Implementation, "Started"), "\"2\""))
            .AssertStatusAsync(HttpStatusCode.OK);

        var sent = await Eventually.FindsAsync(async () =>
        {
            var rows = await factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.AggregateId == id).OrderBy(m => m.Sequence).ToListAsync(Cancellation));
            return rows.Count == 4 && rows.All(r => r.SentAt is not null) ? rows : null;
        }, "the project's four messages are sent", WaitLimit, PollInterval);

        Assert.Equal([nameof(ProjectRegistered), nameof(ProjectUpdated), nameof(ProjectPartnerRolesChanged), nameof(ProjectStatusChanged)],
            sent.Select(r => r.MessageType.Split(',')[0].Split('.')[^1]));
        var roles = JsonSerializer.Deserialize<ProjectPartnerRolesChanged>(sent[2].Body, SystemTextJsonMessageSerializer.Options)!;
        Assert.Contains(new PartnerRoleChange(implementer, PartnerRole.Implementing, PartnerRoleChangeKind.Assigned), roles.Changes);
        var status = JsonSerializer.Deserialize<ProjectStatusChanged>(sent[3].Body, SystemTextJsonMessageSerializer.Options)!;
        Assert.Equal((ProjectStatus.Pipeline, ProjectStatus.Implementation), (status.PreviousStatus!.Value, status.Status));
        Assert.Equal("Biogas digesters for rural households", status.Project.Title);
        Assert.Equal(2, status.Project.Partners.Count);
        Assert.Equal(funder, Assert.Single(status.Project.Funders).InstitutionId);
    }

    /// <summary>
    /// No directory runs here: the directory's messages are put on the broker through this service's own outbox, as the directory would
    /// publish them, and partners are then checked against the replica alone.
    /// </summary>
    [Fact]
    public async Task The_replica_follows_directory_messages_and_validates_partners_without_the_directory()
    {
        var institution = Guid.CreateVersion7();
        using var client = factory.CreateWriter();
        await PublishAsync(new InstitutionRegistered
        {
            AggregateId = institution, AggregateVersion = 1, InstitutionId = institution, Name = "China National Bamboo Research Center",
            Country = "CHN", Type = InstitutionType.ResearchOrTrainingCentre,
        });
        await Eventually.HoldsAsync(async () => (await client.GetAsync($"/api/portfolio/v1/institutions/{institution}", Cancellation)).IsSuccessStatusCode,
            "the replica has the institution", WaitLimit, PollInterval);

        var created = await client.PostJsonAsync(Requests.Projects, new ProjectRequest
        {
            Title = "Bamboo in Indonesia", Partners = [new PartnerRoles(institution, [PartnerRole.Implementing])],
        });
        await created.AssertStatusAsync(HttpStatusCode.Created);

        await PublishAsync(new InstitutionArchived
        {
            AggregateId = institution, AggregateVersion = 2, InstitutionId = institution, Name = "China National Bamboo Research Center",
            Country = "CHN", Type = InstitutionType.ResearchOrTrainingCentre,
        });
        await Eventually.HoldsAsync(async () =>
            (await (await client.GetAsync($"/api/portfolio/v1/institutions/{institution}", Cancellation)).ReadAsync<InstitutionResponse>()).Archived,
            "the replica has the institution archived", WaitLimit, PollInterval);
        var refused = await client.PostJsonAsync(Requests.Projects, new ProjectRequest
        {
            Title = "Bamboo in Viet Nam", Partners = [new PartnerRoles(institution, [PartnerRole.Implementing])],
        });
        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "partners[0].institutionId");
    }

    [Fact]
    public async Task A_csv_import_dry_runs_then_commits_upserting_on_the_iati_identifier_and_reports_unknown_organisations()
    {
        var name = $"Spirulina Institute {Guid.NewGuid():N}";
        await factory.AddInstitutionsAsync(name);
        var prefix = $"XI-CSV-{Guid.NewGuid():N}-";
        var csv = $"""
            iatiIdentifier,title,primarySdg,secondarySdgs,sdgTargets,countries,partners
            {prefix}1,Spirulina for nutrition,2,3,2.1;3.2,VNM:60;LKA:40,{name}|implementing+pivotal
            {prefix}2,Unknown partner,2,,,VNM,Nobody Institute|funding
            """;
        using var client = factory.CreateWriter();

        var dryRun = await ImportCsvAsync(client, csv, "dry-run");
        Assert.Equal((1, 1), (dryRun.Created, dryRun.Failed));
        Assert.Equal("Nobody Institute", Assert.Single(dryRun.UnknownOrganisations).Name);
        Assert.Contains("partners", dryRun.Items.Single(i => i.Outcome == ImportOutcome.Failed).Errors.Keys);
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.IatiIdentifier == prefix + "1", Cancellation)));

        var commit = await ImportCsvAsync(client, csv, "commit");
        Assert.Equal((1, 1), (commit.Created, commit.Failed));
        var again = await ImportCsvAsync(client, csv, "commit");
        Assert.Equal((0, 1, 1), (again.Created, again.Unchanged, again.Failed));
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.IatiIdentifier == prefix + "1", Cancellation));
        Assert.Equal([2, 3], project.Sdgs.Select(s => s.Goal));
        Assert.Equal(["2.1"], project.Sdgs[0].Targets);
        Assert.Equal(60, project.Countries.Single(c => c.Country == "VNM").Percentage);
    }

    [Fact]
    public async Task A_csv_file_with_an_unknown_column_is_a_400_naming_it()
    {
        using var client = factory.CreateWriter();

        var response = await client.PostAsync("/api/portfolio/v1/csv/imports", Csv("title,colour\nA,blue\n"), Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "header[1]");
    }

    private static async Task<ImportReport> ImportCsvAsync(HttpClient client, string csv, string mode)
    {
        var response = await client.PostAsync($"/api/portfolio/v1/csv/imports?mode={mode}", Csv(csv), Cancellation);
        return await response.ReadAsync<ImportReport>();
    }

    private static StringContent Csv(string csv) => new(csv, System.Text.Encoding.UTF8, "text/csv");

    private Task PublishAsync(InstitutionEvent message) => factory.WithDbAsync(db =>
    {
        db.AddIntegrationEvent(message);
        return db.SaveChangesAsync(Cancellation);
    });

    private async Task<(Guid Funder, Guid Implementer)> PartnersAsync()
    {
        var ids = await factory.AddInstitutionsAsync($"Funder {Guid.NewGuid():N}", $"Implementer {Guid.NewGuid():N}");
        return (ids[0], ids[1]);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, ProjectRequest request)
    {
        var response = await client.PostJsonAsync(Requests.Projects, request);
        return (await response.ReadAsync<ProjectResponse>(HttpStatusCode.Created)).Id;
    }

    private static async Task<ProjectSearchResponse> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"{Requests.Projects}?{query}", Cancellation);
        return await response.ReadAsync<ProjectSearchResponse>();
    }

    private static Guid[] Ids(ProjectSearchResponse response) => [.. response.Items.Select(i => i.Id).Order()];

    private static Guid[] Sorted(params Guid[] ids) => [.. ids.Order()];
}
