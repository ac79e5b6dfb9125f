using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class TrackRecordTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private async Task<TrackRecordResponse> TrackRecordAsync(Guid institutionId) =>
        await service.Anonymous.GetAsync<TrackRecordResponse>($"{DirectoryClient.Base}/institutions/{institutionId}/track-record");

    [Fact]
    public async Task Portfolio_messages_build_the_track_record_and_a_stale_one_changes_nothing()
    {
        var (institution, _) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Biogas Institute of Ministry of Agriculture")));
        var (other, _) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Partner")));
        var digesters = Portfolio.Project("Reinforced fiberglass biogas digesters", ProjectStatus.Closed, [institution.Id, other.Id], ["biogas"], [7, 5], ["VNM"]);
        var pipeline = Portfolio.Project("A project not started", ProjectStatus.Pipeline, [institution.Id], ["agriculture"]);

        await service.RegisterProjectAsync(digesters);
        await service.RegisterProjectAsync(pipeline);
        await Eventually.HoldsAsync(async () => (await TrackRecordAsync(institution.Id)).Recent.Count == 2, "both projects are in the track record");
        await service.UpdateProjectAsync(digesters with { Partners = [new(other.Id, [PartnerRole.Implementing])] }, version: 3);
        await Eventually.HoldsAsync(async () => (await TrackRecordAsync(institution.Id)).Recent.Count == 1, "the partner left the project");
        await service.UpdateProjectAsync(digesters with { Title = "Stale" }, version: 2);
        await service.RegisterProjectAsync(Portfolio.Project("Marker", ProjectStatus.Closed, [other.Id]));
        await Eventually.HoldsAsync(async () => (await TrackRecordAsync(other.Id)).Projects == 2, "later messages are applied");

        var record = await TrackRecordAsync(other.Id);
        Assert.Contains(record.Recent, p => p.Title == "Reinforced fiberglass biogas digesters");
        Assert.DoesNotContain(record.Recent, p => p.Title == "Stale");
        var remaining = await TrackRecordAsync(institution.Id);
        Assert.Equal(0, remaining.Projects);
        Assert.False(Assert.Single(remaining.Recent).Counts);
    }

    [Fact]
    public async Task The_track_record_sums_up_the_counted_projects()
    {
        var (institution, _) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Freshwater Fisheries Research Center")));

        await service.RegisterProjectAsync(Portfolio.Project("Recirculating aquaculture", ProjectStatus.Closed, [institution.Id], ["fishery-and-aquaculture"], [14], ["VNM", "LKA"]));
        await service.RegisterProjectAsync(Portfolio.Project("Cancelled", ProjectStatus.Cancelled, [institution.Id], ["health"], [3], ["KEN"]));
        await Eventually.HoldsAsync(async () => (await TrackRecordAsync(institution.Id)).Recent.Count == 2, "both projects arrive");

        var record = await TrackRecordAsync(institution.Id);
        Assert.Equal(1, record.Projects);
        Assert.Equal(["LKA", "VNM"], record.Countries);
        Assert.Equal([14], record.Sdgs);
        Assert.Equal(["fishery-and-aquaculture"], record.Sectors);
        Assert.Equal([PartnerRole.Implementing], record.Roles);
    }
}
