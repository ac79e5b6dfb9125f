using System.Net;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>One scenario on a database of its own, so that the scores can be checked exactly.</summary>
public sealed class MatchingTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;

    [Fact]
    public async Task Partners_for_a_need_are_ranked_by_an_explained_deterministic_score()
    {
        var seeker = await CreateAsync("Ethiopian Rural Energy Agency", "ETH", ["solar-energy", "biogas"], [7]);
        var (need, _) = await _writer.PublishAsync($"{DirectoryClient.Base}/needs", new CreateListingRequest
        {
            InstitutionId = seeker.Id,
            Title = "Off-grid energy for rural clinics",
            Sectors = ["solar-energy", "biogas"],
            Sdgs = [7],
            CooperationModes = ["technology-transfer"],
            TargetCountries = ["ETH"],
        });
        // Full points everywhere but the track record: 35 + 20 + 15 + 15 = 85.
        var offering = await CreateAsync("International Solar Energy Centre", "CHN", ["solar-energy"], []);
        var (offer, _) = await _writer.PublishAsync($"{DirectoryClient.Base}/offers", new CreateListingRequest
        {
            InstitutionId = offering.Id,
            Title = "Solar and biogas technology transfer to Africa",
            Sectors = ["solar-energy", "biogas"],
            Sdgs = [7],
            CooperationModes = ["technology-transfer"],
            TargetRegions = ["002"],
        });
        // Profile only (half points) and two relevant projects: 17.5 + 10 + 0 + 7.5 + 6 = 41.
        var experienced = await CreateAsync("Ethiopian solar cooperative", "ETH", ["solar-energy", "biogas"], [7]);
        await service.RegisterProjectAsync(Portfolio.Project("Solar pumps", ProjectStatus.Closed, [experienced.Id], ["solar-energy"]));
        await service.RegisterProjectAsync(Portfolio.Project("Clinic power", ProjectStatus.Implementation, [experienced.Id], ["health"], [7]));
        await service.RegisterProjectAsync(Portfolio.Project("Unrelated", ProjectStatus.Closed, [experienced.Id], ["tourism"], [8], ["FJI"]));
        await service.RegisterProjectAsync(Portfolio.Project("Not started", ProjectStatus.Pipeline, [experienced.Id], ["solar-energy"]));
        // One sector of two, from its profile: 35 × 0.5 / 2 = 8.75, shown as 8.8.
        var partial = await CreateAsync("Biogas Institute", "CHN", ["biogas"], []);
        var archived = await CreateAsync("Archived solar centre", "ETH", ["solar-energy", "biogas"], [7]);
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/institutions/{archived.Id}", "\"1\"");
        await CreateAsync("Unrelated bank", "ETH", ["financial-services"], [8]);
        await Eventually.HoldsAsync(async () =>
            (await service.Anonymous.GetAsync<TrackRecordResponse>($"{DirectoryClient.Base}/institutions/{experienced.Id}/track-record")).Recent.Count == 4,
            "the portfolio's projects reach the directory");

        var result = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/needs/{need.Id}/matches");
        var again = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/needs/{need.Id}/matches");

        Assert.Equal([(offering.Id, 85.0m), (experienced.Id, 41.0m), (partial.Id, 8.8m)], result.Matches.Select(m => (m.InstitutionId, m.Score)));
        Assert.Equal([1, 2, 3], result.Matches.Select(m => m.Rank));
        var first = result.Matches[0];
        Assert.Equal(["solar-energy", "biogas"], result.Sectors);
        Assert.Equal(["biogas", "solar-energy"], Assert.Single(first.Components, c => c.Criterion == "sectors").ByOpenOffers);
        Assert.Equal(15m, Assert.Single(first.Components, c => c.Criterion == "area").Points);
        Assert.Equal(offer.Id, Assert.Single(first.Offers).Id);
        var second = result.Matches[1];
        Assert.Equal(["biogas", "solar-energy"], Assert.Single(second.Components, c => c.Criterion == "sectors").ByProfile);
        Assert.Equal(new TrackRecordSummaryDto(3, 2), new TrackRecordSummaryDto(second.TrackRecord.Projects, second.TrackRecord.RelevantProjects));
        Assert.Equal(6m, Assert.Single(second.Components, c => c.Criterion == "trackRecord").Points);
        Assert.Equal(7.5m, Assert.Single(second.Components, c => c.Criterion == "area").Points);
        Assert.Equivalent(result, again, strict: true);

        var adHoc = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/matches?sector=biogas&limit=2");
        Assert.Equal([offering.Id, seeker.Id], adHoc.Matches.Select(m => m.InstitutionId));
    }

    [Theory]
    [InlineData("", "criteria")]
    [InlineData("sector=alchemy", "sector[0]")]
    [InlineData("sdg=0", "sdg[0]")]
    [InlineData("country=ZZZ", "country[0]")]
    [InlineData("mode=telepathy", "mode[0]")]
    [InlineData("sector=biogas&limit=51", "limit")]
    public async Task Bad_criteria_are_rejected_naming_the_parameter(string query, string field)
    {
        using var response = await service.Anonymous.GetAsync($"{DirectoryClient.Base}/matches?{query}", TestContext.Current.CancellationToken);

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    private async Task<InstitutionResponse> CreateAsync(string name, string country, string[] sectors, int[] sdgs) =>
        (await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique(name), country) with { Sectors = sectors, Sdgs = sdgs })).Institution;

    private sealed record TrackRecordSummaryDto(int Projects, int Relevant);
}
