using System.Net;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests;

public sealed class ProjectLifecycleTests(PortfolioFactory factory) : IClassFixture<PortfolioFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_project_reads_back_with_its_location_etag_and_every_fact()
    {
        var (funder, implementer) = await PartnersAsync();
        using var client = factory.CreateWriter();
        var request = Requests.Full(funder, implementer) with { Id = Guid.CreateVersion7() };

        var created = await client.PostJsonAsync(Requests.Projects, request);

        await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"{Requests.Projects}/{request.Id}", created.Headers.Location?.ToString());
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var read = await client.GetAsync($"{Requests.Projects}/{request.Id}", Cancellation);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var project = await read.ReadAsync<ProjectResponse>();
        Assert.Equal(request.Title, project.Title);
        Assert.Equal("2016-03", project.PlannedStart.ToString());
        Assert.Equal("2019", project.PlannedEnd.ToString());
        Assert.Equal([14, 2, 5], project.Sdgs.Select(s => s.Goal));
        Assert.True(project.Sdgs[0].Primary);
        Assert.Equal(["2.3", "2.a"], project.Sdgs[1].Targets);
        Assert.Equal(["VNM", "LKA"], project.Countries.Select(c => c.Country));
        Assert.Equal(2, project.Commitments.Count);
        Assert.Equal("Freshwater Fisheries Research Center", project.Partners.Single(p => p.InstitutionId == implementer).Name);
        Assert.Equal([PartnerRole.Implementing, PartnerRole.Pivotal], project.Partners.Single(p => p.InstitutionId == implementer).Roles);
        Assert.Equal(ProjectStatus.Implementation, project.Status);
        Assert.Equal(PortfolioFactory.ClientId, project.OwnerClientId);
        Assert.Equal("fr", project.Translations.Single().Language);
        Assert.True(project.GenderFocus);
        Assert.StartsWith("XI-CP-", project.IatiIdentifier);
    }

    [Fact]
    public async Task Posting_an_existing_id_is_a_409_and_changes_nothing()
    {
        using var client = factory.CreateWriter();
        var id = Guid.CreateVersion7();
        await (await client.PostJsonAsync(Requests.Projects, new ProjectRequest { Id = id, Title = "First" })).AssertStatusAsync(HttpStatusCode.Created);

        var again = await client.PostJsonAsync(Requests.Projects, new ProjectRequest { Id = id, Title = "Second" });

        await again.AssertStatusAsync(HttpStatusCode.Conflict);
        var project = await (await client.GetAsync($"{Requests.Projects}/{id}", Cancellation)).ReadAsync<ProjectResponse>();
        Assert.Equal("First", project.Title);
        Assert.Equal(1, project.Version);
    }

    [Fact]
    public async Task Writes_need_a_token_with_the_write_scope_and_reads_do_not()
    {
        using var anonymous = factory.Client();
        using var reader = factory.Client("reader", PlatformScopes.PortfolioRead);
        var request = new ProjectRequest { Title = "Unauthorised" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync(Requests.Projects, request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync(Requests.Projects, request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Requests.Projects, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task An_update_needs_the_current_etag()
    {
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest { Title = "Original" });
        var change = new ProjectRequest { Title = "Changed" };

        await (await client.PutJsonAsync($"{Requests.Projects}/{id}", change, ifMatch: null)).AssertStatusAsync(HttpStatusCode.PreconditionRequired);
        await (await client.PutJsonAsync($"{Requests.Projects}/{id}", change, ifMatch: "\"7\"")).AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        var updated = await client.PutJsonAsync($"{Requests.Projects}/{id}", change, ifMatch: "\"1\"");

        await updated.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Equal("Changed", (await updated.ReadAsync<ProjectResponse>()).Title);
    }

    [Fact]
    public async Task Of_concurrent_updates_with_the_same_etag_exactly_one_wins()
    {
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest { Title = "Contested" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest { Title = $"Writer {i}" }, ifMatch: "\"1\"")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var project = await (await client.GetAsync($"{Requests.Projects}/{id}", Cancellation)).ReadAsync<ProjectResponse>();
        Assert.Equal(2, project.Version);
    }

    [Fact]
    public async Task An_unchanged_update_keeps_the_version()
    {
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest { Title = "Stable", Summary = "Same" });

        var response = await client.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest { Title = "Stable", Summary = "Same" }, "\"1\"");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Another_client_cannot_change_a_project_but_an_admin_can()
    {
        using var owner = factory.CreateWriter();
        using var other = factory.Client("partner-b", PlatformScopes.PortfolioWrite);
        using var admin = factory.Client("ops", PlatformScopes.PlatformAdmin);
        var id = await CreateAsync(owner, new ProjectRequest { Title = "Owned" });

        await (await other.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest { Title = "Taken" }, "\"1\"")).AssertStatusAsync(HttpStatusCode.Forbidden);
        await (await admin.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest { Title = "Fixed by ops" }, "\"1\"")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_status_follows_the_iati_life_cycle_and_keeps_its_history()
    {
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest { Title = "Life cycle", Status = ProjectStatus.Pipeline });
        var status = $"{Requests.Projects}/{id}/status";

        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Closed, null), "\"1\"")).AssertStatusAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Implementation, "Funds arrived"), "\"1\"")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Suspended, null), "\"2\"")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Implementation, null), "\"3\"")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Closed, null), "\"4\"")).AssertStatusAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Finalisation, null), "\"4\"")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Closed, null), "\"5\"")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Implementation, null), "\"6\"")).AssertStatusAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync(status, new StatusChangeRequest(ProjectStatus.Cancelled, null), null)).AssertStatusAsync(HttpStatusCode.PreconditionRequired);

        var history = await (await client.GetAsync($"{Requests.Projects}/{id}/history", Cancellation)).ReadAsync<ProjectHistoryResponse>();
        Assert.Equal(
            [ProjectStatus.Pipeline, ProjectStatus.Implementation, ProjectStatus.Suspended, ProjectStatus.Implementation, ProjectStatus.Finalisation, ProjectStatus.Closed],
            history.StatusChanges.Select(c => c.To));
        Assert.Equal("Funds arrived", history.StatusChanges[1].Reason);
    }

    [Theory]
    [InlineData(ProjectStatus.Pipeline)]
    [InlineData(ProjectStatus.Closed)]
    [InlineData(ProjectStatus.Cancelled)]
    public async Task A_project_whose_status_was_never_reported_may_take_any_status(ProjectStatus first)
    {
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest { Title = "No status reported" });

        var response = await client.PostJsonAsync($"{Requests.Projects}/{id}/status", new StatusChangeRequest(first, null), "\"1\"");

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_status_cannot_change_through_an_update()
    {
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest { Title = "Sneaky", Status = ProjectStatus.Pipeline });

        var response = await client.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest { Title = "Sneaky", Status = ProjectStatus.Closed }, "\"1\"");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Partner_role_changes_are_kept_as_history()
    {
        var (funder, implementer) = await PartnersAsync();
        using var client = factory.CreateWriter();
        var id = await CreateAsync(client, new ProjectRequest
        {
            Title = "Roles over time",
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding]), new PartnerRoles(implementer, [PartnerRole.Implementing])],
        });

        var response = await client.PutJsonAsync($"{Requests.Projects}/{id}", new ProjectRequest
        {
            Title = "Roles over time",
            Partners = [new PartnerRoles(funder, [PartnerRole.Funding, PartnerRole.Accountable]), new PartnerRoles(implementer, [PartnerRole.Beneficiary])],
        }, "\"1\"");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var history = await (await client.GetAsync($"{Requests.Projects}/{id}/history", Cancellation)).ReadAsync<ProjectHistoryResponse>();
        var implementing = history.PartnerRoles.Single(a => a.InstitutionId == implementer && a.Role == PartnerRole.Implementing);
        Assert.NotNull(implementing.EndedAt);
        Assert.Null(history.PartnerRoles.Single(a => a.InstitutionId == implementer && a.Role == PartnerRole.Beneficiary).EndedAt);
        Assert.Null(history.PartnerRoles.Single(a => a.InstitutionId == funder && a.Role == PartnerRole.Funding).EndedAt);
        Assert.Equal(4, history.PartnerRoles.Count);
    }

    [Fact]
    public async Task An_unknown_project_is_a_404()
    {
        using var client = factory.CreateWriter();

        await (await client.GetAsync($"{Requests.Projects}/{Guid.NewGuid()}", Cancellation)).AssertStatusAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync($"{Requests.Projects}/{Guid.NewGuid()}", new ProjectRequest { Title = "x" }, "\"1\"")).AssertStatusAsync(HttpStatusCode.NotFound);
    }

    private async Task<(Guid Funder, Guid Implementer)> PartnersAsync()
    {
        var ids = await factory.AddInstitutionsAsync(Requests.Unique("Pérez-Guerrero Trust Fund"), "Freshwater Fisheries Research Center");
        return (ids[0], ids[1]);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, ProjectRequest request)
    {
        var response = await client.PostJsonAsync(Requests.Projects, request);
        return (await response.ReadAsync<ProjectResponse>(HttpStatusCode.Created)).Id;
    }
}
