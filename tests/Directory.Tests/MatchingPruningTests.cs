using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>
/// Matching scores exactly only the institutions whose bounds can still reach the top: one whose profile alone ranks below the
/// limit must still be ranked when its track record lifts it above.
/// </summary>
public sealed class MatchingPruningTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task An_institution_lifted_into_the_top_by_its_track_record_is_not_pruned()
    {
        var (offering, experienced, rival) = await MatchingContenders.CreateAsync(service);
        await service.RegisterProjectAsync(Portfolio.Project("Solar pumps", ProjectStatus.Closed, [experienced.Id], ["solar-energy"]));
        await service.RegisterProjectAsync(Portfolio.Project("Clinic power", ProjectStatus.Implementation, [experienced.Id], ["health"], [7]));
        await MatchingContenders.CountedProjectsReachTheDirectoryAsync(service, experienced.Id, 2);

        var full = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/matches?{MatchingContenders.Criteria}&limit=10");
        var top = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/matches?{MatchingContenders.Criteria}&limit=2");

        // Scores are shares of the 85 points these criteria make possible (no area criterion): 55, 33.5 and 32.5 points.
        Assert.Equal([(offering.Id, 64.7m), (experienced.Id, 39.4m), (rival.Id, 38.2m)], full.Matches.Select(m => (m.InstitutionId, m.Score)));
        Assert.Equal(full.Matches.Take(2).Select(m => (m.InstitutionId, m.Score)), top.Matches.Select(m => (m.InstitutionId, m.Score)));
    }

}

/// <summary>The same pruning when the track record grows by status changes: the kept count of counted projects must follow them.</summary>
public sealed class MatchingTrackCountTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task Projects_that_start_counting_lift_their_partner_into_the_top()
    {
        var (offering, experienced, _) = await MatchingContenders.CreateAsync(service);
        var pumps = Portfolio.Project("Solar pumps", ProjectStatus.Pipeline, [experienced.Id], ["solar-energy"]);
        var clinic = Portfolio.Project("Clinic power", ProjectStatus.Pipeline, [experienced.Id], ["health"], [7]);
        await service.RegisterProjectAsync(pumps);
        await service.RegisterProjectAsync(clinic);
        await service.UpdateProjectAsync(pumps with { Status = ProjectStatus.Implementation }, version: 2);
        await service.UpdateProjectAsync(clinic with { Status = ProjectStatus.Closed }, version: 2);
        await MatchingContenders.CountedProjectsReachTheDirectoryAsync(service, experienced.Id, 2);

        var top = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/matches?{MatchingContenders.Criteria}&limit=2");

        Assert.Equal([(offering.Id, 64.7m), (experienced.Id, 39.4m)], top.Matches.Select(m => (m.InstitutionId, m.Score)));
    }
}

/// <summary>Three institutions for <see cref="Criteria"/>, each test class with its own directory.</summary>
internal static class MatchingContenders
{
    public const string Criteria = "sector=solar-energy&sdg=7&mode=capacity-building";

    /// <summary>
    /// Three institutions for <see cref="Criteria"/>: one with an offer that ranks first on its own (55 points), one whose profile
    /// alone (27.5) ranks below the rival but whose two relevant projects (6) would lift it above, and the rival (32.5).
    /// </summary>
    public static async Task<(InstitutionResponse Offering, InstitutionResponse Experienced, InstitutionResponse Rival)> CreateAsync(DirectoryFactory service)
    {
        // 35 (offered solar) + 20 (offered SDG 7) + 0 (its offer is technology transfer) = 55.
        var offering = await CreateInstitutionAsync(service, "Solar offer centre", ["solar-energy"], [7]);
        await service.Writer.PublishAsync($"{DirectoryClient.Base}/offers", new CreateListingRequest
        {
            InstitutionId = offering.Id,
            Title = "Solar technology transfer",
            Sectors = ["solar-energy"],
            Sdgs = [7],
            CooperationModes = ["technology-transfer"],
        });
        // 35 × 0.5 (solar in its profile) + 20 × 0.5 (SDG 7 in its profile) = 27.5, and 15 × 2 / 5 = 6 for two relevant projects.
        var experienced = await CreateInstitutionAsync(service, "Experienced solar agency", ["solar-energy"], [7]);
        // 35 × 0.5 (solar in its profile) + 15 (an open offer of capacity building) = 32.5: above the experienced agency's profile,
        // below it once its track record counts. With a limit of 2, the rival's 32.5 is the floor the agency must be able to reach.
        var rival = await CreateInstitutionAsync(service, "Rival agency", ["solar-energy"], []);
        await service.Writer.PublishAsync($"{DirectoryClient.Base}/offers", new CreateListingRequest
        {
            InstitutionId = rival.Id,
            Title = "Energy planning courses",
            Sectors = ["energy-efficiency"],
            Sdgs = [13],
            CooperationModes = ["capacity-building"],
        });
        return (offering, experienced, rival);
    }

    public static Task CountedProjectsReachTheDirectoryAsync(DirectoryFactory service, Guid institutionId, int counted) =>
        Eventually.HoldsAsync(async () =>
            (await service.Anonymous.GetAsync<TrackRecordResponse>($"{DirectoryClient.Base}/institutions/{institutionId}/track-record")).Projects == counted,
            "the portfolio's projects reach the directory");

    private static async Task<InstitutionResponse> CreateInstitutionAsync(DirectoryFactory service, string name, string[] sectors, int[] sdgs) =>
        (await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique(name), "ETH") with { Sectors = sectors, Sdgs = sdgs })).Institution;
}
