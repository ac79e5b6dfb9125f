using System.Net;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class SearchTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;

    /// <summary>A word no other test uses, put in the description of this test's institutions so that a search finds only them.</summary>
    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    private async Task<InstitutionResponse> CreateAsync(string marker, string name, string? country, InstitutionType type = InstitutionType.ResearchOrTrainingCentre,
        string[]? sectors = null, int[]? sdgs = null, PartnerRole[]? roles = null) =>
        (await _writer.CreateAsync(DirectoryClient.Institution(name + " " + marker[..6], country, type) with
        {
            Description = $"Test institution {marker}.",
            Sectors = sectors,
            Sdgs = sdgs,
            Roles = roles,
        })).Institution;

    private Task<InstitutionSearchResponse> SearchAsync(string query) => service.Anonymous.GetAsync<InstitutionSearchResponse>($"{DirectoryClient.Base}/institutions?" + query);

    [Fact]
    public async Task Text_finds_names_acronyms_descriptions_and_sector_labels_whatever_the_accents()
    {
        var marker = Marker();
        var centre = (await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Centre de coopération énergétique"), "SEN") with
        {
            Acronym = "CCE" + marker[..4].ToUpperInvariant(),
            Description = $"Promotes mini-grids {marker}.",
            Sectors = ["small-hydropower"],
        })).Institution;

        Assert.Equal([centre.Id], (await SearchAsync($"q={marker}+cooperation")).Items.Select(i => i.Id));
        Assert.Equal([centre.Id], (await SearchAsync($"q={marker}+ENERGÉTIQUE")).Items.Select(i => i.Id));
        Assert.Equal([centre.Id], (await SearchAsync($"q={centre.Acronym}")).Items.Select(i => i.Id));
        Assert.Equal([centre.Id], (await SearchAsync($"q={marker}+small+hydro")).Items.Select(i => i.Id));
        Assert.Empty((await SearchAsync($"q={marker}+solar")).Items);
    }

    [Theory]
    [InlineData("国际小水电中心", "小水电")]
    [InlineData("中国-非洲商会", "非洲商会")]
    [InlineData("المركز الإقليمي للطاقة المتجددة", "المتجددة")]
    public async Task Chinese_and_arabic_names_are_found_by_part_of_the_name(string name, string query)
    {
        var marker = Marker();
        var created = (await _writer.CreateAsync(DirectoryClient.Institution(name + marker[..6], "CHN") with { Description = marker })).Institution;

        var result = await SearchAsync($"q={Uri.EscapeDataString(query)}&pageSize=100");

        Assert.Contains(created.Id, result.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Filters_combine_and_facets_count_the_matches()
    {
        var marker = Marker();
        var solarEthiopia = await CreateAsync(marker, "Solar Ethiopia", "ETH", sectors: ["solar-energy"], sdgs: [7], roles: [PartnerRole.Implementing]);
        var solarChina = await CreateAsync(marker, "Solar China", "CHN", InstitutionType.PrivateSectorOrganization, ["solar-energy", "materials"], [7, 9]);
        var bankFiji = await CreateAsync(marker, "Bank Fiji", "FJI", InstitutionType.FinancialInstitution, ["financial-services"], [8], [PartnerRole.Funding]);

        var all = await SearchAsync($"q={marker}");
        Assert.Equal(3, all.Count);
        Assert.Contains(new FacetCount("solar-energy", "Solar energy", 2), all.Facets.Sectors);
        Assert.Contains(("7", 2L), all.Facets.Sdgs.Select(f => (f.Value, f.Count)));
        Assert.Contains(new FacetCount("financial-institution", null, 1), all.Facets.Types);
        // Ethiopia is least developed and landlocked, Fiji a small island state.
        Assert.Equal([("ldc", 1L), ("lldc", 1L), ("sids", 1L)], all.Facets.Groupings.Select(f => (f.Value, f.Count)));
        Assert.Contains(new FacetCount("142", "Asia", 1), all.Facets.Regions);
        Assert.Contains(new FacetCount("002", "Africa", 1), all.Facets.Regions);
        Assert.Contains(new FacetCount("funding", null, 1), all.Facets.Roles);
        Assert.Contains(new FacetCount("ETH", "Ethiopia", 1), all.Facets.Countries);

        Assert.Equal([solarEthiopia.Id], (await SearchAsync($"q={marker}&sector=solar-energy&region=002")).Items.Select(i => i.Id));
        Assert.Equal([solarEthiopia.Id], (await SearchAsync($"q={marker}&grouping=ldc")).Items.Select(i => i.Id));
        Assert.Equal([bankFiji.Id], (await SearchAsync($"q={marker}&grouping=sids&type=financial-institution")).Items.Select(i => i.Id));
        Assert.Equal([solarChina.Id], (await SearchAsync($"q={marker}&sdg=9")).Items.Select(i => i.Id));
        Assert.Equal(new[] { solarChina.Id, solarEthiopia.Id }.Order(), (await SearchAsync($"q={marker}&country=CHN&country=eth")).Items.Select(i => i.Id).Order());
        Assert.Equal([bankFiji.Id], (await SearchAsync($"q={marker}&role=funding")).Items.Select(i => i.Id));
        var filtered = await SearchAsync($"q={marker}&sector=solar-energy");
        Assert.Equal(2, filtered.Count);
        Assert.Equal(1, Assert.Single(filtered.Facets.Sectors, f => f.Value == "materials").Count);
    }

    [Fact]
    public async Task The_network_filter_finds_members()
    {
        var marker = Marker();
        var network = await CreateAsync(marker, "China South-South Cooperation Network", "CHN", InstitutionType.Network);
        var member = await CreateAsync(marker, "National Bamboo Research Center", "CHN", sectors: ["forestry"]);
        await CreateAsync(marker, "Not a member", "CHN");
        await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id });

        var result = await SearchAsync($"q={marker}&network={network.Id}");

        Assert.Equal([member.Id], result.Items.Select(i => i.Id));
        Assert.Contains(new FacetCount(network.Id.ToString(), network.Name, 1), (await SearchAsync($"q={marker}")).Facets.Networks);
    }

    [Fact]
    public async Task Pages_are_stable_and_cover_every_match_once()
    {
        var marker = Marker();
        var created = new List<Guid>();
        foreach (var i in Enumerable.Range(0, 7))
        {
            created.Add((await CreateAsync(marker, $"Centre {i}", "IND")).Id);
        }

        var pages = new List<InstitutionSummary>();
        for (var page = 0; page < 3; page++)
        {
            pages.AddRange((await SearchAsync($"q={marker}&pageSize=3&pageIndex={page}")).Items);
        }
        var again = (await SearchAsync($"q={marker}&pageSize=3&pageIndex=1")).Items;

        Assert.Equal(created.Order(), pages.Select(p => p.Id).Order());
        Assert.Equal(pages.Skip(3).Take(3).Select(p => p.Id), again.Select(p => p.Id));
    }

    [Fact]
    public async Task Archived_institutions_are_found_only_when_asked_for()
    {
        var marker = Marker();
        var (created, etag) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Closed centre"), "IND") with { Description = marker });
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/institutions/{created.Id}", etag);

        Assert.Empty((await SearchAsync($"q={marker}")).Items);
        Assert.True(Assert.Single((await SearchAsync($"q={marker}&includeArchived=true")).Items).Archived);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageIndex=-1", "pageIndex")]
    [InlineData("country=XYZ", "country[0]")]
    [InlineData("region=999", "region[0]")]
    [InlineData("grouping=g77", "grouping[0]")]
    [InlineData("type=space-agency", "type[0]")]
    [InlineData("sector=alchemy", "sector[0]")]
    [InlineData("sdg=18", "sdg[0]")]
    [InlineData("role=sponsor", "role[0]")]
    public async Task Bad_filters_and_pages_are_rejected_naming_the_parameter(string query, string field)
    {
        using var response = await service.Anonymous.GetAsync($"{DirectoryClient.Base}/institutions?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors!.Keys);
    }
}
