using System.Net;
using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.Contracts.Model;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

/// <summary>
/// Messages written before amounts were range-checked can carry any decimal; two of decimal's maximum once made the funder view
/// overflow (500). The projection now leaves such a commitment out, with a warning in the log.
/// </summary>
public sealed class HardInputTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task A_funder_view_over_out_of_range_commitments_answers_and_leaves_them_out()
    {
        var year = UniqueYear();
        var funder = Guid.NewGuid();
        await analytics.PublishAsync(
            Registered(Project(Guid.NewGuid(), year, 9, partners: [new(funder, PartnerRole.Funding)], commitments: [(funder, decimal.MaxValue, "USD")])),
            Registered(Project(Guid.NewGuid(), year, 9, partners: [new(funder, PartnerRole.Funding)], commitments: [(funder, decimal.MaxValue, "USD")])),
            Registered(Project(Guid.NewGuid(), year, 9, partners: [new(funder, PartnerRole.Funding)],
                commitments: [(funder, 1_000_000_000_000_000m, "USD"), (funder, -5m, "USD"), (funder, 250m, "EUR")])));

        var view = await analytics.GetAsync<ReachView>($"{AnalyticsFactory.Root}/funders/{funder}?fromYear={year}&toYear={year}");

        Assert.Equal(3, view.Projects);
        Assert.Equal([new Money("EUR", 250m), new Money("USD", 1_000_000_000_000_000m)], view.CommittedFunding);
        using var client = analytics.Client();
        using var csv = await client.GetAsync($"{AnalyticsFactory.Root}/funders/{funder}?fromYear={year}&toYear={year}&format=csv",
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }
}
