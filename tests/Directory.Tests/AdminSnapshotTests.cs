using System.Net;
using System.Text.Json;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class AdminSnapshotTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task Snapshots_give_every_record_as_its_latest_message_to_admins_only()
    {
        var (network, _) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("SPX"), null, InstitutionType.Network));
        var (member, etag) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Supplier association")));
        var (membership, _) = await service.Writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id });
        var (archived, archivedETag) = await service.Writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique("Gone")));
        using var archive = await service.Writer.ArchiveAsync($"{DirectoryClient.Base}/institutions/{archived.Id}", archivedETag);
        var (offer, _) = await service.Writer.PublishAsync($"{DirectoryClient.Base}/offers", new CreateListingRequest { InstitutionId = member.Id, Title = "Supplier matchmaking" });
        var admin = service.Client("ops", PlatformScopes.PlatformAdmin);

        using var forbidden = await service.Writer.GetAsync($"{DirectoryClient.Base}/admin/snapshot/institutions", TestContext.Current.CancellationToken);
        var institutions = await admin.GetAsync<List<JsonElement>>($"{DirectoryClient.Base}/admin/snapshot/institutions");
        var memberships = await admin.GetAsync<List<JsonElement>>($"{DirectoryClient.Base}/admin/snapshot/memberships");
        var listings = await admin.GetAsync<List<JsonElement>>($"{DirectoryClient.Base}/admin/snapshot/listings");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        string TypeOf(List<JsonElement> items, string idProperty, Guid id) =>
            items.Single(i => i.GetProperty("message").GetProperty(idProperty).GetGuid() == id).GetProperty("messageType").GetString()!;
        Assert.Equal("InstitutionUpdated", TypeOf(institutions, "institutionId", member.Id));
        Assert.Equal("InstitutionArchived", TypeOf(institutions, "institutionId", archived.Id));
        Assert.Equal("NetworkMembershipChanged", TypeOf(memberships, "membershipId", membership.Id));
        Assert.Equal("OfferUpdated", TypeOf(listings, "listingId", offer.Id));
        var memberMessage = institutions.Single(i => i.GetProperty("message").GetProperty("institutionId").GetGuid() == member.Id).GetProperty("message");
        Assert.Equal(2, memberMessage.GetProperty("aggregateVersion").GetInt64());
        Assert.Equal(network.Id, memberMessage.GetProperty("networkIds")[0].GetGuid());
    }
}
