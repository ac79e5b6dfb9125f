using System.Net;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class MembershipTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;

    private async Task<InstitutionResponse> NetworkAsync(string name = "China South-South Cooperation Network") =>
        (await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique(name), "CHN", InstitutionType.Network) with { FoundedYear = 1995 })).Institution;

    private async Task<InstitutionResponse> InstitutionAsync(string name, InstitutionType type = InstitutionType.ResearchOrTrainingCentre) =>
        (await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique(name), "CHN", type))).Institution;

    [Fact]
    public async Task A_network_shows_its_secretariat_and_counts_its_members()
    {
        var network = await NetworkAsync();
        var secretariat = await InstitutionAsync("Secretariat of China South-South Cooperation Network", InstitutionType.NetworkSecretariat);
        var members = new[] { await InstitutionAsync("Biogas Institute"), await InstitutionAsync("National Bamboo Research Center"), await InstitutionAsync("Former member") };
        await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = secretariat.Id, Role = MembershipRole.Secretariat });
        await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = members[0].Id, Since = new DateOnly(1995, 9, 1) });
        await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = members[1].Id, Status = MembershipStatus.Suspended });
        await _writer.JoinAsync(new CreateMembershipRequest
        {
            NetworkId = network.Id, MemberId = members[2].Id, Status = MembershipStatus.Left, Since = new DateOnly(1995, 9, 1), Until = new DateOnly(2005, 12, 31),
        });

        var view = await service.Anonymous.GetAsync<NetworkResponse>($"{DirectoryClient.Base}/networks/{network.Id}");
        var page = await service.Anonymous.GetAsync<Page<MembershipResponse>>($"{DirectoryClient.Base}/networks/{network.Id}/members?status=active&status=suspended");
        var secretariats = await service.Anonymous.GetAsync<Page<MembershipResponse>>($"{DirectoryClient.Base}/networks/{network.Id}/members?role=secretariat");

        Assert.Equal(secretariat.Id, Assert.Single(view.Secretariat).MemberId);
        Assert.Equal((2L, 1L, 1L), (view.ActiveMembers, view.SuspendedMembers, view.FormerMembers));
        Assert.Equal(1995, view.Network.FoundedYear);
        Assert.Equal(3, page.Count);
        Assert.Equal(secretariat.Id, Assert.Single(secretariats.Items).MemberId);
        var former = await service.Anonymous.GetAsync<IReadOnlyList<MembershipResponse>>($"{DirectoryClient.Base}/institutions/{members[2].Id}/memberships");
        Assert.Equal((network.Name, MembershipStatus.Left, new DateOnly(2005, 12, 31)), (Assert.Single(former).NetworkName, former[0].Status, former[0].Until));
    }

    [Fact]
    public async Task A_membership_puts_the_network_on_the_member_and_changes_its_etag()
    {
        var network = await NetworkAsync("RECPnet");
        var member = await InstitutionAsync("Cleaner production centre");

        var (membership, etag) = await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id });
        var joined = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{member.Id}");
        using var leave = await _writer.PutJsonAsync($"{DirectoryClient.Base}/memberships/{membership.Id}",
            new MembershipRequest { Status = MembershipStatus.Left, Until = new DateOnly(2024, 6, 30) }, etag);
        await leave.ReadAsync<MembershipResponse>();
        var left = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{member.Id}");

        Assert.Equal([network.Id], joined.NetworkIds);
        Assert.Equal(2, joined.Version);
        Assert.Empty(left.NetworkIds);
        Assert.Equal(3, left.Version);
        Assert.Equal("\"2\"", leave.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Memberships_recorded_at_once_for_one_member_are_all_kept()
    {
        var networks = new List<InstitutionResponse>();
        for (var i = 0; i < 5; i++)
        {
            networks.Add(await NetworkAsync($"Network {i}"));
        }
        var member = await InstitutionAsync("Busy member");

        var responses = await Task.WhenAll(networks.Select(async n =>
        {
            using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest { NetworkId = n.Id, MemberId = member.Id });
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.Created, status));
        var stored = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{member.Id}");
        Assert.Equal(networks.Select(n => n.Id).Order(), stored.NetworkIds.Order());
        Assert.Equal(6, stored.Version);
    }

    [Fact]
    public async Task An_end_before_the_start_is_a_bad_request()
    {
        var network = await NetworkAsync();
        var member = await InstitutionAsync("Member");

        using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest
        {
            NetworkId = network.Id, MemberId = member.Id, Since = new DateOnly(2020, 1, 1), Until = new DateOnly(2019, 12, 31),
        });

        Assert.Contains("until", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task A_membership_in_something_that_is_not_a_network_or_of_an_unknown_member_is_unprocessable()
    {
        var notNetwork = await InstitutionAsync("Just a centre");
        var member = await InstitutionAsync("Member");

        using var notANetwork = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest { NetworkId = notNetwork.Id, MemberId = member.Id });
        using var unknownMember = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest { NetworkId = (await NetworkAsync()).Id, MemberId = Guid.NewGuid() });
        using var missing = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest { MemberId = member.Id });

        Assert.Contains("networkId", (await notANetwork.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
        Assert.Contains("memberId", (await unknownMember.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
        Assert.Contains("networkId", (await missing.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task An_overlapping_second_membership_is_a_conflict_but_a_later_one_is_not()
    {
        var network = await NetworkAsync();
        var member = await InstitutionAsync("Member");
        await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id, Since = new DateOnly(2000, 1, 1), Until = new DateOnly(2010, 1, 1) });

        using var overlapping = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id, Since = new DateOnly(2009, 1, 1) });
        using var later = await _writer.PostJsonAsync($"{DirectoryClient.Base}/memberships", new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id, Since = new DateOnly(2015, 1, 1) });

        await overlapping.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task Changing_a_membership_needs_if_match_and_archiving_removes_it()
    {
        var network = await NetworkAsync();
        var member = await InstitutionAsync("Member");
        var (membership, etag) = await _writer.JoinAsync(new CreateMembershipRequest { NetworkId = network.Id, MemberId = member.Id });

        using var without = await _writer.PutJsonAsync($"{DirectoryClient.Base}/memberships/{membership.Id}", new MembershipRequest { Role = MembershipRole.Hub }, null);
        using var stale = await _writer.PutJsonAsync($"{DirectoryClient.Base}/memberships/{membership.Id}", new MembershipRequest { Role = MembershipRole.Hub }, "\"9\"");
        using var other = await service.Client(DirectoryFactory.OtherClientId, PlatformScopes.DirectoryWrite)
            .PutJsonAsync($"{DirectoryClient.Base}/memberships/{membership.Id}", new MembershipRequest { Role = MembershipRole.Hub }, etag);
        using var hub = await _writer.PutJsonAsync($"{DirectoryClient.Base}/memberships/{membership.Id}", new MembershipRequest { Role = MembershipRole.Hub }, etag);
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/memberships/{membership.Id}", hub.Headers.ETag!.ToString());

        await without.ProblemAsync(HttpStatusCode.PreconditionRequired);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(MembershipRole.Hub, (await hub.ReadAsync<MembershipResponse>()).Role);
        Assert.NotNull((await archive.ReadAsync<MembershipResponse>()).ArchivedAt);
        Assert.Empty((await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{member.Id}")).NetworkIds);
        Assert.Empty(await service.Anonymous.GetAsync<IReadOnlyList<MembershipResponse>>($"{DirectoryClient.Base}/institutions/{member.Id}/memberships"));
    }

    [Fact]
    public async Task An_institution_that_is_not_a_network_has_no_network_view()
    {
        var institution = await InstitutionAsync("Not a network");

        using var response = await service.Anonymous.GetAsync($"{DirectoryClient.Base}/networks/{institution.Id}", TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
