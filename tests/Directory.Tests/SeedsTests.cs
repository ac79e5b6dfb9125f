using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>The institutions, centres and networks of the source documents fit the model without loss.</summary>
public sealed class SeedsTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;

    private async Task<InstitutionResponse> CreateAsync(CreateInstitutionRequest request) => (await _writer.CreateAsync(request)).Institution;

    [Fact]
    public async Task The_china_south_south_cooperation_network_with_its_secretariat_members_supporters_and_trust_fund()
    {
        var pgtf = await CreateAsync(DirectoryClient.Institution("Pérez-Guerrero Trust Fund for South-South Cooperation", null, InstitutionType.TrustFund) with
        {
            Acronym = "PGTF",
            Roles = [PartnerRole.Funding],
        });
        var cicete = await CreateAsync(DirectoryClient.Institution("China International Centre for Economic and Technical Exchanges", "CHN",
            InstitutionType.MinistryOrGovernmentAgency) with { Acronym = "CICETE", Description = "A specialized executing agency under the Ministry of Commerce of China." });
        var undp = await CreateAsync(DirectoryClient.Institution("United Nations Development Programme", null, InstitutionType.UnAgencyOrCentre) with { Acronym = "UNDP" });
        var network = await CreateAsync(DirectoryClient.Institution("China South-South Cooperation Network", "CHN", InstitutionType.Network) with
        {
            Acronym = "China SSC Network",
            FoundedYear = 1995,
            Sdgs = [17, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
            Sectors = ["agriculture", "forestry", "fishery-and-aquaculture", "renewable-energy", "ict-and-e-government", "water-and-sanitation", "financial-services"],
            OperatingRegions = ["001"],
            Relations =
            [
                new RelationDto(RelationKind.Supporter, cicete.Id, null),
                new RelationDto(RelationKind.Supporter, undp.Id, "Through United Nations projects, especially the China South-South Development Center project"),
                new RelationDto(RelationKind.Funder, pgtf.Id, "Seed money for member institutions' projects"),
            ],
        });
        var secretariat = await CreateAsync(DirectoryClient.Institution("Secretariat of China South-South Cooperation Network", "CHN", InstitutionType.NetworkSecretariat) with
        {
            ContactPoints = [new ContactPointDto("Ms. Song Bo", null, null, null), new ContactPointDto("Ms. Liu Yang", null, null, null)],
        });
        await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = secretariat.Id, Role = MembershipRole.Secretariat });
        string[] members =
        [
            "Biogas Institute of Ministry of Agriculture",
            "Centre for Mountain Futures, Kunming Institute of Botany, Chinese Academy of Sciences",
            "China-Africa Business Council",
            "Freshwater Fisheries Research Center of the Chinese Academy of Fishery Sciences",
            "Fujian Cross-Straits Technology Transfer Center",
            "International Centre for Materials Technology Promotion",
            "International Center on Small Hydropower",
            "Jiangxi Academy of Agricultural Sciences",
            "Nantong Pesticide Formulation Development Centre",
            "National Bamboo Research Center",
            "Promotion Association for Mountain-River-Lake Regional Sustainable Development of Jiangxi Province",
        ];
        foreach (var name in members)
        {
            var member = await CreateAsync(DirectoryClient.Institution(name, "CHN"));
            await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id });
        }

        var view = await service.Anonymous.GetAsync<NetworkResponse>($"{DirectoryClient.Base}/networks/{network.Id}");
        var listed = await service.Anonymous.GetAsync<Page<MembershipResponse>>($"{DirectoryClient.Base}/networks/{network.Id}/members?role=member&pageSize=100");

        Assert.Equal(secretariat.Id, Assert.Single(view.Secretariat).MemberId);
        Assert.Equal(12, view.ActiveMembers);
        Assert.Equal(members.Order(StringComparer.OrdinalIgnoreCase), listed.Items.Select(m => m.MemberName).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(1995, view.Network.FoundedYear);
        Assert.Equal(17, view.Network.Sdgs.Count);
        Assert.Equal([RelationKind.Supporter, RelationKind.Supporter, RelationKind.Funder], view.Network.Relations.Select(r => r.Kind));
    }

    [Fact]
    public async Task UNIDOs_centres_with_a_merger_planned_centres_and_networks_without_a_seat()
    {
        var unido = await CreateAsync(DirectoryClient.Institution("United Nations Industrial Development Organization", "AUT", InstitutionType.UnAgencyOrCentre) with { Acronym = "UNIDO" });
        RelationDto Parent() => new(RelationKind.Parent, unido.Id, null);
        var manufacturing = await CreateAsync(DirectoryClient.Institution("International Centre for Advancement of Manufacturing Technology", "IND",
            InstitutionType.UnAgencyOrCentre) with { Status = InstitutionStatus.Closed, Relations = [Parent()] });
        var ucssicIndia = await CreateAsync(DirectoryClient.Institution("UNIDO Centre for South-South Industrial Cooperation in India", "IND",
            InstitutionType.UnAgencyOrCentre) with { Status = InstitutionStatus.Closed, Relations = [Parent()] });
        var icIsid = await CreateAsync(DirectoryClient.Institution("UNIDO International Centre for Inclusive and Sustainable Industrial Development", "IND",
            InstitutionType.UnAgencyOrCentre) with
        {
            Acronym = "IC-ISID",
            Sectors = ["manufacturing-technology", "technology-transfer-services"],
            Sdgs = [9],
            HistoryNote = "Formed by the merger of two UNIDO centres in India.",
            Relations = [Parent(), new RelationDto(RelationKind.Predecessor, manufacturing.Id, "merged"), new RelationDto(RelationKind.Predecessor, ucssicIndia.Id, "merged")],
        });
        var iran = await CreateAsync(DirectoryClient.Institution("UNIDO South-South centre in Iran", "IRN", InstitutionType.UnAgencyOrCentre) with
        {
            Status = InstitutionStatus.Planned, Relations = [Parent()],
        });
        var networks = new List<InstitutionResponse>();
        foreach (var (name, acronym, regions) in new[]
        {
            ("Resource Efficient and Cleaner Production Network", "RECPnet", Array.Empty<string>()),
            ("Investment and Technology Promotion Offices", "ITPOs", []),
            ("Global Network of Regional Sustainable Energy Centres", null, ["202", "015", "029", "009"]),
            ("Subcontracting and Partnership Exchange", "SPX", []),
            ("Industrial Knowledge Bank", "IKB", ["419"]),
        })
        {
            networks.Add(await CreateAsync(DirectoryClient.Institution(name, null, InstitutionType.Network) with
            {
                Acronym = acronym, OperatingRegions = regions, Relations = [Parent()],
            }));
        }

        var merged = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{icIsid.Id}");
        Assert.Equal([manufacturing.Id, ucssicIndia.Id], merged.Relations.Where(r => r.Kind == RelationKind.Predecessor).Select(r => r.InstitutionId));
        Assert.Equal(InstitutionStatus.Planned, iran.Status);
        var found = await service.Anonymous.GetAsync<InstitutionSearchResponse>($"{DirectoryClient.Base}/institutions?type=network&pageSize=100");
        Assert.All(found.Items, i => Assert.Equal(InstitutionType.Network, i.Type));
        Assert.Subset(found.Items.Select(i => i.Id).ToHashSet(), networks.Select(n => n.Id).ToHashSet());
        var latinAmerica = await service.Anonymous.GetAsync<InstitutionSearchResponse>($"{DirectoryClient.Base}/institutions?q=IKB");
        Assert.Equal(["419"], (await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{Assert.Single(latinAmerica.Items).Id}")).OperatingRegions);
    }
}
