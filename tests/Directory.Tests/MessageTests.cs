using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class MessageTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;
    private readonly PublishedMessages _messages = service.Messages;

    [Fact]
    public async Task An_institutions_life_is_published_with_its_snapshot()
    {
        var request = DirectoryClient.Institution(HttpCalls.Unique("International Solar Energy Centre for Technology Promotion and Transfer"), "CHN",
            InstitutionType.ResearchOrTrainingCentre) with { Acronym = "ISEC", Sectors = ["solar-energy", "renewable-energy"], Sdgs = [7, 13], Roles = [PartnerRole.Implementing] };

        var (created, etag) = await _writer.CreateAsync(request);
        using var update = await _writer.PutJsonAsync($"{DirectoryClient.Base}/institutions/{created.Id}", request with { Status = InstitutionStatus.Closed }, etag);
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/institutions/{created.Id}", update.Headers.ETag!.ToString());

        var registered = await _messages.WaitForAsync<InstitutionRegistered>(created.Id);
        Assert.Equal((created.Id, 1L, request.Name, "ISEC", InstitutionType.ResearchOrTrainingCentre, "CHN"),
            (registered.InstitutionId, registered.AggregateVersion, registered.Name, registered.Acronym, registered.Type, registered.Country));
        Assert.Equal(["solar-energy", "renewable-energy"], registered.Sectors);
        Assert.Equal([7, 13], registered.Sdgs);
        Assert.Equal([PartnerRole.Implementing], registered.Roles);
        var updated = await _messages.WaitForAsync<InstitutionUpdated>(created.Id);
        Assert.Equal((2L, InstitutionStatus.Closed), (updated.AggregateVersion, updated.Status));
        var archived = await _messages.WaitForAsync<InstitutionArchived>(created.Id);
        Assert.Equal(3L, archived.AggregateVersion);
    }

    [Fact]
    public async Task A_membership_change_publishes_the_membership_and_the_members_networks()
    {
        var (network, _) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("RECPnet"), null, InstitutionType.Network));
        var (member, _) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Cleaner production centre"), "VNM"));

        var (membership, _) = await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id, Since = new DateOnly(2010, 1, 1) });

        var changed = await _messages.WaitForAsync<NetworkMembershipChanged>(member.Id);
        Assert.Equal((membership.Id, network.Id, member.Id, MembershipRole.Member, MembershipStatus.Active, new DateOnly(2010, 1, 1), 2L),
            (changed.MembershipId, changed.NetworkId, changed.MemberId, changed.Role, changed.Status, changed.Since, changed.AggregateVersion));
        Assert.Equal([network.Id], changed.MemberNetworkIds);
        var updated = await _messages.WaitForAsync<InstitutionUpdated>(member.Id);
        Assert.Equal([network.Id], updated.NetworkIds);
    }

    [Fact]
    public async Task Offers_and_needs_are_published_as_such()
    {
        var (institution, _) = await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Freshwater Fisheries Research Center")));
        var offer = new CreateListingRequest
        {
            InstitutionId = institution.Id,
            Title = "Recirculating aquaculture systems",
            Sectors = ["fishery-and-aquaculture"],
            Sdgs = [14, 2],
            TargetCountries = ["VNM", "LKA"],
            CooperationModes = ["technology-transfer"],
        };

        var (published, etag) = await _writer.PublishAsync($"{DirectoryClient.Base}/offers", offer);
        using var close = await _writer.PutJsonAsync($"{DirectoryClient.Base}/offers/{published.Id}", offer with { Status = ListingStatus.Closed }, etag);
        var (need, needETag) = await _writer.PublishAsync($"{DirectoryClient.Base}/needs", offer with { Title = "Feed formulation expertise" });
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/needs/{need.Id}", needETag);

        var offerPublished = await _messages.WaitForAsync<OfferPublished>(published.Id);
        Assert.Equal((institution.Id, "Recirculating aquaculture systems", ListingStatus.Open), (offerPublished.InstitutionId, offerPublished.Title, offerPublished.Status));
        Assert.Equal(["VNM", "LKA"], offerPublished.TargetCountries);
        Assert.Equal(["technology-transfer"], offerPublished.CooperationModes);
        Assert.Equal(ListingStatus.Closed, (await _messages.WaitForAsync<OfferUpdated>(published.Id)).Status);
        Assert.Equal("Feed formulation expertise", (await _messages.WaitForAsync<NeedPublished>(need.Id)).Title);
        await _messages.WaitForAsync<NeedArchived>(need.Id);
        Assert.Empty(_messages.Of<OfferPublished>(m => m.AggregateId == need.Id));
    }
}
