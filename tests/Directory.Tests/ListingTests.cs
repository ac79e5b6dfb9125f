using System.Net;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Directory.Tests.Support;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests;

public sealed class ListingTests(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private readonly HttpClient _writer = service.Writer;

    private async Task<InstitutionResponse> InstitutionAsync(string name = "Jiangxi Academy of Agricultural Sciences") =>
        (await _writer.CreateAsync(DirectoryClient.Institution(HttpCalls.Unique(name)))).Institution;

    private static CreateListingRequest Offer(Guid institutionId, string title = "Spirulina cultivation and processing") => new()
    {
        InstitutionId = institutionId,
        Title = title,
        Description = "High-yield, high-quality cultivation and advanced processing technology.",
        Sectors = ["agriculture", "agro-processing"],
        Sdgs = [2],
        TargetRegions = ["002"],
        CooperationModes = ["technology-transfer", "capacity-building"],
    };

    [Fact]
    public async Task An_offer_is_published_read_closed_and_archived()
    {
        var institution = await InstitutionAsync();

        var (offer, etag) = await _writer.PublishAsync($"{DirectoryClient.Base}/offers", Offer(institution.Id));
        var withOffer = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{institution.Id}");
        using var close = await _writer.PutJsonAsync($"{DirectoryClient.Base}/offers/{offer.Id}", Offer(institution.Id) with { Status = ListingStatus.Closed }, etag);
        var closed = await close.ReadAsync<ListingResponse>();
        var withoutOpenOffer = await service.Anonymous.GetAsync<InstitutionResponse>($"{DirectoryClient.Base}/institutions/{institution.Id}");
        using var archive = await _writer.ArchiveAsync($"{DirectoryClient.Base}/offers/{offer.Id}", close.Headers.ETag!.ToString());
        using var asNeed = await service.Anonymous.GetAsync($"{DirectoryClient.Base}/needs/{offer.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(ListingStatus.Open, offer.Status);
        Assert.Equal(["technology-transfer", "capacity-building"], offer.CooperationModes);
        Assert.Equal(1, withOffer.OpenOffers);
        Assert.Equal(withOffer.Version, institution.Version);
        Assert.Equal(ListingStatus.Closed, closed.Status);
        Assert.Equal(0, withoutOpenOffer.OpenOffers);
        Assert.NotNull((await archive.ReadAsync<ListingResponse>()).ArchivedAt);
        await asNeed.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Offers_and_needs_are_listed_with_filters()
    {
        var institution = await InstitutionAsync();
        var (spirulina, _) = await _writer.PublishAsync($"{DirectoryClient.Base}/offers", Offer(institution.Id));
        var (bamboo, _) = await _writer.PublishAsync($"{DirectoryClient.Base}/offers", Offer(institution.Id, "Bamboo development model") with
        {
            Sectors = ["forestry"], Sdgs = [15], TargetRegions = [], TargetCountries = ["IDN", "VNM"], CooperationModes = ["good-practice-replication"],
        });
        var (need, _) = await _writer.PublishAsync($"{DirectoryClient.Base}/needs", Offer(institution.Id, "Drinking water safety in rural areas") with { Sectors = ["water-and-sanitation"] });

        Task<Page<ListingResponse>> List(string path) => service.Anonymous.GetAsync<Page<ListingResponse>>($"{DirectoryClient.Base}{path}&institutionId={institution.Id}");

        Assert.Equal([bamboo.Id, spirulina.Id], (await List("/offers?")).Items.Select(l => l.Id));
        Assert.Equal([need.Id], (await List("/needs?")).Items.Select(l => l.Id));
        Assert.Equal([bamboo.Id], (await List("/offers?sector=forestry")).Items.Select(l => l.Id));
        Assert.Equal([bamboo.Id], (await List("/offers?country=VNM")).Items.Select(l => l.Id));
        Assert.Equal([spirulina.Id], (await List("/offers?country=ETH")).Items.Select(l => l.Id));
        Assert.Equal([spirulina.Id], (await List("/offers?mode=capacity-building")).Items.Select(l => l.Id));
        Assert.Equal([bamboo.Id], (await List("/offers?q=bamboo+MODEL")).Items.Select(l => l.Id));
        Assert.Equal([spirulina.Id], (await List("/offers?sdg=2&status=open")).Items.Select(l => l.Id));
    }

    [Fact]
    public async Task Unknown_codes_are_rejected_naming_each_field()
    {
        var institution = await InstitutionAsync();

        using var response = await _writer.PostJsonAsync($"{DirectoryClient.Base}/offers", Offer(institution.Id) with
        {
            Sectors = ["alchemy"], Sdgs = [0], TargetCountries = ["ZZZ"], TargetRegions = ["998"], CooperationModes = ["telepathy"],
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["cooperationModes[0]", "sdgs[0]", "sectors[0]", "targetCountries[0]", "targetRegions[0]"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task An_offer_of_an_unknown_institution_is_unprocessable_and_of_another_partners_forbidden()
    {
        var institution = await InstitutionAsync();

        using var unknown = await _writer.PostJsonAsync($"{DirectoryClient.Base}/offers", Offer(Guid.NewGuid()));
        using var other = await service.Client(DirectoryFactory.OtherClientId, PlatformScopes.DirectoryWrite).PostJsonAsync($"{DirectoryClient.Base}/needs", Offer(institution.Id));

        Assert.Contains("institutionId", (await unknown.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
        await other.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_offer_update_needs_the_current_etag()
    {
        var institution = await InstitutionAsync();
        var (offer, etag) = await _writer.PublishAsync($"{DirectoryClient.Base}/offers", Offer(institution.Id));

        using var without = await _writer.PutJsonAsync($"{DirectoryClient.Base}/offers/{offer.Id}", Offer(institution.Id), null);
        using var stale = await _writer.PutJsonAsync($"{DirectoryClient.Base}/offers/{offer.Id}", Offer(institution.Id), "\"5\"");
        using var current = await _writer.PutJsonAsync($"{DirectoryClient.Base}/offers/{offer.Id}", Offer(institution.Id, "Renamed"), etag);

        await without.ProblemAsync(HttpStatusCode.PreconditionRequired);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Renamed", (await current.ReadAsync<ListingResponse>()).Title);
    }
}
