using System.Net;
using System.Net.Http.Json;
using System.Text;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;

namespace CooperationPlatform.Directory.Tests;

public sealed class InstitutionTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;

    [Fact]
    public async Task A_created_institution_reads_back_whole_with_its_etag_and_location()
    {
        var parent = (await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("United Nations Industrial Development Organization"), "AUT",
            InstitutionType.UnAgencyOrCentre))).Institution;
        var request = DirectoryClient.Institution(HttpCalls.Unique("UNIDO Centre for South-South Industrial Cooperation"), "CHN", InstitutionType.UnAgencyOrCentre) with
        {
            Id = Guid.NewGuid(),
            Acronym = "UCSSIC/China",
            Description = "A platform for closer industrial cooperation among developing countries.",
            Sectors = ["trade-and-investment", "Technology-Transfer-Services"],
            Sdgs = [9, 17],
            Roles = [PartnerRole.Implementing, PartnerRole.Facilitating],
            OperatingRegions = ["001"],
            ContactPoints = [new ContactPointDto("Weixi Gong", "Senior Coordinator for South-South and Triangular Industrial Cooperation", "W.Gong@unido.org", null)],
            Relations = [new RelationDto(RelationKind.Parent, parent.Id, "Established and overseen by UNIDO")],
        };

        using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", request);
        var created = await response.ReadAsync<InstitutionResponse>(HttpStatusCode.Created);

        Assert.Equal(request.Id, created.Id);
        Assert.Equal($"/api/directory/v1/institutions/{request.Id}", response.Headers.Location!.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag!.ToString());
        using var read = await service.Anonymous.GetAsync($"{DirectoryClient.Base}/institutions/{request.Id}", TestContext.Current.CancellationToken);
        var institution = await read.ReadAsync<InstitutionResponse>();
        Assert.Equal("\"1\"", read.Headers.ETag!.ToString());
        Assert.Equal("UCSSIC/China", institution.Acronym);
        Assert.Equal(["trade-and-investment", "technology-transfer-services"], institution.Sectors);
        Assert.Equal([9, 17], institution.Sdgs);
        Assert.Equal(InstitutionStatus.Active, institution.Status);
        Assert.Equal("Weixi Gong", Assert.Single(created.ContactPoints!).Name);
        Assert.Null(institution.ContactPoints);
        Assert.Equal(new RelationDto(RelationKind.Parent, parent.Id, "Established and overseen by UNIDO"), Assert.Single(institution.Relations));
    }

    [Theory]
    [InlineData("中国南南合作网络秘书处", "CHN")]
    [InlineData("المركز الإقليمي للطاقة المتجددة وكفاءة الطاقة", "EGY")]
    [InlineData("Centre de coopération Sud-Sud pour l'énergie", "SEN")]
    public async Task Names_in_any_script_are_stored_unchanged(string name, string country)
    {
        var unique = name + " " + Guid.NewGuid().ToString("N")[..6];
        var (created, _) = await _writer.CreateAsync(DirectoryClient.Institution(unique, country));

        var read = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{created.Id}");

        Assert.Equal(unique, read.Name);
    }

    [Fact]
    public async Task A_planned_centre_without_a_founding_year_and_a_network_without_a_seat_are_representable()
    {
        var (planned, _) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("UNIDO South-South centre in Uruguay"), "URY",
            InstitutionType.UnAgencyOrCentre) with { Status = InstitutionStatus.Planned });
        var (network, _) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Global Network of Regional Sustainable Energy Centres"),
            null, InstitutionType.Network) with { OperatingRegions = ["202", "015", "029", "009"] });

        Assert.Equal(InstitutionStatus.Planned, planned.Status);
        Assert.Null(planned.FoundedYear);
        Assert.Null(network.Country);
        Assert.Equal(["202", "015", "029", "009"], network.OperatingRegions);
    }

    [Fact]
    public async Task An_update_needs_the_current_etag()
    {
        var (created, etag) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("International Centre on Small Hydro Power")));
        var change = DirectoryClient.Institution(created.Name) with { Acronym = "IC-SHP", Sectors = ["small-hydropower"] };

        using var withoutIfMatch = await _writer.PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", change, ifMatch: null);
        await withoutIfMatch.ProblemAsync(HttpStatusCode.PreconditionRequired);
        using var stale = await _writer.PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", change, ifMatch: "\"7\"");
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        using var current = await _writer.PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", change, etag);
        var updated = await current.ReadAsync<InstitutionResponse>();
        using var replay = await _writer.PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", change with { Acronym = "X" }, etag);
        await replay.ProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal("\"2\"", current.Headers.ETag!.ToString());
        Assert.Equal("IC-SHP", updated.Acronym);
        Assert.Equal("IC-SHP", (await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{created.Id}")).Acronym);
    }

    [Fact]
    public async Task Two_updates_with_the_same_etag_at_once_let_exactly_one_win()
    {
        var (created, etag) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("National Bamboo Research Center")));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await _writer.PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", DirectoryClient.Institution(created.Name) with { Acronym = $"NBRC{i}" }, etag);
            return (response.StatusCode, Acronym: $"NBRC{i}");
        }));

        var winner = Assert.Single(attempts, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(attempts.Where(a => a != winner), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.StatusCode));
        var stored = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{created.Id}");
        Assert.Equal(winner.Acronym, stored.Acronym);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Archiving_keeps_the_record_readable_and_needs_if_match()
    {
        var (created, etag) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Nantong Pesticide Formulation Development Centre")));

        using var without = await _writer.ArchiveAsync($"{DirectoryClient.Base}/institutions/{created.Id}", ifMatch: null);
        await without.ProblemAsync(HttpStatusCode.PreconditionRequired);
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/institutions/{created.Id}", etag);
        var archived = await archive.ReadAsync<InstitutionResponse>();

        Assert.NotNull(archived.ArchivedAt);
        Assert.Equal("\"2\"", archive.Headers.ETag!.ToString());
        Assert.NotNull((await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{created.Id}")).ArchivedAt);
    }

    [Fact]
    public async Task The_same_id_twice_is_a_conflict_and_changes_nothing()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("Biogas Institute of Ministry of Agriculture")) with { Id = Guid.NewGuid() };
        await _writer.CreateAsync(request);

        using var again = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", request with { Name = HttpCalls.Unique("Something else") });

        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(request.Name, (await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{request.Id}")).Name);
    }

    [Fact]
    public async Task The_same_name_and_country_is_a_conflict_whatever_the_case_and_accents()
    {
        var name = HttpCalls.Unique("Jiangxi Académie of Agricultural Sciences");
        await _writer.CreateAsync(DirectoryClient.Institution(name, "CHN"));

        using var duplicate = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", DirectoryClient.Institution(name.ToUpperInvariant().Replace("É", "E"), "chn"));
        using var elsewhere = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", DirectoryClient.Institution(name, "VNM"));

        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Unknown_codes_are_rejected_naming_each_field()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("Bad codes"), "XXX") with
        {
            Sectors = ["agriculture", "alchemy"],
            Sdgs = [9, 18],
            OperatingRegions = ["999"],
            Website = "not a url",
            ContactPoints = [new ContactPointDto("Someone", null, "not-an-email", null)],
        };

        using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", request);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["contactPoints[0].email", "country", "operatingRegions[0]", "sdgs[1]", "sectors[1]", "website"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task An_unknown_type_in_json_is_a_bad_request_naming_the_field()
    {
        var json = $$"""{"name":"{{HttpCalls.Unique("Typeless")}}","type":"space-agency","country":"CHN"}""";

        using var response = await _writer.PostAsync(DirectoryClient.Base + "/institutions", new StringContent(json, Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("type", problem.Errors!.Keys);
    }

    [Fact]
    public async Task A_missing_name_and_type_are_named()
    {
        using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", new CreateInstitutionRequest { Country = "CHN" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["name", "type"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task A_relation_to_an_unknown_institution_is_unprocessable()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("International Centre for Inclusive and Sustainable Industrial Development"), "IND") with
        {
            Relations = [new RelationDto(RelationKind.Predecessor, Guid.NewGuid(), "merged")],
        };

        using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/institutions", request);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("relations[0].institutionId", problem.Errors!.Keys);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_too_large()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("Huge")) with { Description = new string('x', 1_100_000) };

        using var response = await _writer.PostOversizedAsync(DirectoryClient.Base + "/institutions", JsonContent.Create(request, options: ApiDefaults.JsonOptions));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Writes_need_a_token_with_the_write_scope_and_changes_need_the_owner()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("Fujian Cross-Straits Technology Transfer Center"));
        using var anonymous = await service.Anonymous.PostJsonAsync($"{DirectoryClient.Base}/institutions", request);
        using var reader = await service.Client(DirectoryFactory.ClientId, PlatformScopes.DirectoryRead).PostJsonAsync($"{DirectoryClient.Base}/institutions", request);
        var (created, etag) = await _writer.CreateAsync(request);
        using var other = await service.Client(DirectoryFactory.OtherClientId, PlatformScopes.DirectoryWrite)
            .PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", request, etag);
        using var admin = await service.Client("ops", PlatformScopes.PlatformAdmin)
            .PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", request with { Acronym = "FCSTTC" }, etag);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        using var response = await service.Anonymous.GetAsync($"{DirectoryClient.Base}/institutions/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
