using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>
/// Matching scores exactly only the institutions whose bounds can still reach the top: one whose profile alone ranks below the
/// limit must still be ranked when its track record lifts it above.
/// </summary>
public sealed class MatchingPruningTests(DirectoryService service) : IClassFixture<DirectoryService>
{
    [Fact]
    public async Task An_institution_lifted_into_the_top_by_its_track_record_is_not_pruned()
    {
        // 35 (offered solar) + 20 (offered SDG 7) + 0 (its offer is technology transfer) = 55.
        var offering = await CreateAsync("Solar offer centre", ["solar-energy"], [7]);
        await service.Writer.PublishAsync("/offers", new CreateListingRequest
        {
            InstitutionId = offering.Id,
            Title = "Solar technology transfer",
            Sectors = ["solar-energy"],
            Sdgs = [7],
            CooperationModes = ["technology-transfer"],
        });
        // 35 × 0.5 (solar in its profile) + 20 × 0.5 (SDG 7 in its profile) = 27.5, and 15 × 2 / 5 = 6 for two relevant projects.
        var experienced = await CreateAsync("Experienced solar agency", ["solar-energy"], [7]);
        await service.RegisterProjectAsync(Portfolio.Project("Solar pumps", ProjectStatus.Closed, [experienced.Id], ["solar-energy"]));
        await service.RegisterProjectAsync(Portfolio.Project("Clinic power", ProjectStatus.Implementation, [experienced.Id], ["health"], [7]));
        // 35 × 0.5 (solar in its profile) + 15 (an open offer of capacity building) = 32.5: above the experienced agency's profile,
        // below it once its track record counts. With a limit of 2, the rival's 32.5 is the floor the agency must be able to reach.
        var rival = await CreateAsync("Rival agency", ["solar-energy"], []);
        await service.Writer.PublishAsync("/offers", new CreateListingRequest
        {
            InstitutionId = rival.Id,
            Title = "Energy planning courses",
            Sectors = ["energy-efficiency"],
            Sdgs = [13],
            CooperationModes = ["capacity-building"],
        });
        await Eventually.HoldsAsync(async () =>
            (await service.Anonymous.GetAsync<TrackRecordResponse>($"/institutions/{experienced.Id}/track-record")).Recent.Count == 2,
            "the portfolio's projects reach the directory");

        const string criteria = "sector=solar-energy&sdg=7&mode=capacity-building";
        var full = await service.Anonymous.GetAsync<MatchResponse>($"/matches?{criteria}&limit=10");
        var top = await service.Anonymous.GetAsync<MatchResponse>($"/matches?{criteria}&limit=2");

        // Scores are shares of the 85 points these criteria make possible (no area criterion): 55, 33.5 and 32.5 points.
        Assert.Equal([(offering.Id, 64.7m), (experienced.Id, 39.4m), (rival.Id, 38.2m)], full.Matches.Select(m => (m.InstitutionId, m.Score)));
        Assert.Equal(full.Matches.Take(2).Select(m => (m.InstitutionId, m.Score)), top.Matches.Select(m => (m.InstitutionId, m.Score)));
    }

    private async Task<InstitutionResponse> CreateAsync(string name, string[] sectors, int[] sdgs) =>
        (await service.Writer.CreateAsync(DirectoryClient.Institution(DirectoryClient.Unique(name), "ETH") with { Sectors = sectors, Sdgs = sdgs })).Institution;
}
