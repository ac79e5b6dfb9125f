using System.Net;
using System.Text;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Tests;

public sealed class ImportTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private Task<HttpResponseMessage> ImportAsync(string csv, string mode) =>
        service.Writer.PostOversizedAsync($"{DirectoryClient.Base}/institutions/import?mode={mode}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private Task<int> CountAsync(string marker) =>
        service.WithDbAsync(db => db.Institutions.CountAsync(i => i.Description != null && i.Description.Contains(marker), TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_dry_run_reports_each_row_a_commit_applies_the_valid_ones_and_a_second_commit_creates_nothing()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var csv = $"""
            name,acronym,type,country,sectors,sdgs,roles,description,status,foundedYear
            "China-Africa Business Council {marker}",CABC,private-sector-organization,CHN,trade-and-investment;financial-services,8;17,facilitating,"Promotes trade, investment {marker}",active,
            "中国南南合作网络秘书处 {marker}",,network-secretariat,chn,,17,,"Secretariat {marker}",,
            "Centre de coopération {marker}",,research-or-training-centre,IRN,,,,"Planned centre
            on two lines {marker}",planned,
            "Bad country {marker}",,research-or-training-centre,XXX,,,,{marker},,
            ,,research-or-training-centre,CHN,,,,{marker},,
            "Bad codes {marker}",,space-agency,CHN,alchemy,18;x,sponsor,{marker},,year
            "china-africa business council {marker}",,private-sector-organization,CHN,,,,{marker},,
            "Short row {marker}",,research-or-training-centre
            """;

        using var dryRun = await ImportAsync(csv, "dry-run");
        var report = await dryRun.ReadAsync<ImportReport>();

        Assert.Equal(("dry-run", 8, 3, 0, 5), (report.Mode, report.Rows, report.Created, report.Existing, report.Invalid));
        Assert.Equal([ImportOutcome.WouldCreate, ImportOutcome.WouldCreate, ImportOutcome.WouldCreate, ImportOutcome.Invalid, ImportOutcome.Invalid,
            ImportOutcome.Invalid, ImportOutcome.Invalid, ImportOutcome.Invalid], report.Results.Select(r => r.Outcome));
        Assert.Equal([2, 3, 4, 6, 7, 8, 9, 10], report.Results.Select(r => r.Line));
        Assert.Equal(["country"], report.Results[3].Errors!.Keys);
        Assert.Equal(["name"], report.Results[4].Errors!.Keys);
        Assert.Equal(["foundedYear", "roles[0]", "sdgs[0]", "sdgs[1]", "sectors[0]", "type"], report.Results[5].Errors!.Keys.Order());
        Assert.Contains("Row 1", report.Results[6].Errors!["name"][0]);
        Assert.Equal(["row"], report.Results[7].Errors!.Keys);
        Assert.Equal(0, await CountAsync(marker));

        using var commit = await ImportAsync(csv, "commit");
        var committed = await commit.ReadAsync<ImportReport>();
        Assert.Equal((3, 0, 5), (committed.Created, committed.Existing, committed.Invalid));
        Assert.Equal(3, await CountAsync(marker));
        var planned = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{committed.Results[2].Id}");
        Assert.Equal(("IRN", Contracts.Model.InstitutionStatus.Planned), (planned.Country, planned.Status));
        Assert.Contains("\non two lines", planned.Description);

        using var again = await ImportAsync(csv, "commit");
        var repeated = await again.ReadAsync<ImportReport>();
        Assert.Equal((0, 3, 5), (repeated.Created, repeated.Existing, repeated.Invalid));
        Assert.Equal(committed.Results.Take(3).Select(r => r.Id), repeated.Results.Take(3).Select(r => r.Id));
        Assert.Equal(3, await CountAsync(marker));
    }

    [Fact]
    public async Task A_row_whose_name_and_country_exist_already_is_reported_as_existing()
    {
        var (existing, _) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Kunming Institute of Botany")));

        using var response = await ImportAsync($"name,type,country\n\"{existing.Name.ToUpperInvariant()}\",research-or-training-centre,CHN\n", "commit");

        var row = Assert.Single((await response.ReadAsync<ImportReport>()).Results);
        Assert.Equal((ImportOutcome.Existing, existing.Id), (row.Outcome, row.Id));
    }

    [Theory]
    [InlineData("name,type,colour\nA,network,red\n", "header[2]")]
    [InlineData("acronym\nA\n", "header")]
    [InlineData("", "body")]
    public async Task A_bad_header_or_an_empty_file_is_a_bad_request(string csv, string field)
    {
        using var response = await ImportAsync(csv, "dry-run");

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task An_unknown_mode_is_a_bad_request()
    {
        using var response = await ImportAsync("name,type\nA,network\n", "maybe");

        Assert.Contains("mode", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task A_file_over_the_import_limit_is_too_large()
    {
        var csv = new StringBuilder("name,type,description\n");
        var description = new string('x', 10_000);
        while (csv.Length <= ImportApi.MaxBodyBytes)
        {
            csv.Append("A,network,").Append(description).Append('\n');
        }

        using var response = await ImportAsync(csv.ToString(), "dry-run");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
