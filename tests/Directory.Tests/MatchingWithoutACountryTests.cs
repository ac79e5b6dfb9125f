using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

/// <summary>Networks and global programmes have no country; an area criterion must still rank them, not fail on the missing value.</summary>
public sealed class MatchingWithoutACountryTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task An_institution_without_a_country_is_ranked_when_the_criteria_name_a_country()
    {
        var network = (await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Biogas network"), country: null,
            InstitutionType.Network) with { Sectors = ["biogas"] })).Institution;
        var institute = (await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Biogas institute"), "ETH")
            with { Sectors = ["biogas"] })).Institution;

        var result = await service.Anonymous.GetAsync<MatchResponse>($"{DirectoryClient.Base}/matches?sector=biogas&country=ETH");

        Assert.Equal([institute.Id, network.Id], result.Matches.Select(m => m.InstitutionId));
        Assert.Equal(0m, Assert.Single(result.Matches[1].Components, c => c.Criterion == "area").Points);
    }
}
