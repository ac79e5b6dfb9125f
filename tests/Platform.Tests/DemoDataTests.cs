using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

/// <summary>The demo data of the two source documents, loaded through the API, as analytics then counts it.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class DemoDataTests(PlatformFixture platform)
{
    private const string Pgtf = "c0000000-5050-4000-8000-000000000124";
    private const string ChinaSscNetwork = "c0000000-5050-4000-8000-000000000120";
    private const string BeltAndRoad2016 = "c0000000-5050-4000-8000-000000000401";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analytics_counts_what_the_loaded_documents_imply_for_sdg_17_sdg_9_and_the_pgtf()
    {
        await DemoDataCollection.LoadAsync(platform);

        // SDG 17: the China South-South Cooperation Network (primary), and the seven PGTF examples (secondary, with SDG 5).
        await ExpectAsync("/api/analytics/v1/sdgs/17", view => (Long(view, "primaryProjects"), Long(view, "secondaryProjects")), (1L, 7L));
        // SDG 9: UNIDO's two projects (primary), and the network, whose secondary goals are SDGs 1 to 16.
        await ExpectAsync("/api/analytics/v1/sdgs/9", view => (Long(view, "primaryProjects"), Long(view, "secondaryProjects")), (2L, 1L));
        // The PGTF funds the seven examples; the countries named are Indonesia, Viet Nam and Sri Lanka.
        await ExpectAsync($"/api/analytics/v1/funders/{Pgtf}",
            view => (Long(view, "projects"), string.Join(",", view.GetProperty("countriesReached").EnumerateArray().Select(c => c.GetString()))),
            (7L, "IDN,LKA,VNM"));
    }

    [Fact]
    public async Task The_documents_facts_read_back_as_stated()
    {
        await DemoDataCollection.LoadAsync(platform);

        var network = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/directory/v1/networks/{ChinaSscNetwork}", Cancel);
        Assert.Equal(12, network.GetProperty("activeMembers").GetInt32());
        Assert.Equal(1995, network.GetProperty("network").GetProperty("foundedYear").GetInt32());
        Assert.Equal("Secretariat of China South-South Cooperation Network", Assert.Single(network.GetProperty("secretariat").EnumerateArray()).GetProperty("memberName").GetString());

        var icIsid = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/directory/v1/institutions/c0000000-5050-4000-8000-000000000105", Cancel);
        Assert.Equal(2, icIsid.GetProperty("relations").EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "predecessor"));
        var planned = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/directory/v1/institutions?status=planned&pageSize=100", Cancel);
        Assert.Equal(["IRN", "URY"], planned.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("country").GetString()).Order());

        var unidoTriangular = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/v1/projects/c0000000-5050-4000-8000-000000000310", Cancel);
        Assert.Equal(("2016", "2019"), (unidoTriangular.GetProperty("plannedStart").GetString(), unidoTriangular.GetProperty("plannedEnd").GetString()));
        Assert.Equal(["ETH", "SEN"], unidoTriangular.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("country").GetString()).Order());

        var exhibition = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/events/v1/events/{BeltAndRoad2016}", Cancel);
        var details = exhibition.GetProperty("details");
        Assert.Equal(("2016-10-17", "2016-10-21", "Vienna", "concluded"), (details.GetProperty("startDate").GetString(),
            details.GetProperty("endDate").GetString(), details.GetProperty("venueCity").GetString(), exhibition.GetProperty("status").GetString()));
        var reported = details.GetProperty("reported");
        Assert.Equal((450, "more-than"), (reported.GetProperty("participants").GetProperty("value").GetInt32(),
            reported.GetProperty("participants").GetProperty("qualifier").GetString()));
        // Where the documents give no figure, the record leaves it empty.
        Assert.Equal(JsonValueKind.Null, reported.GetProperty("organizations").ValueKind);
    }

    [Fact]
    public async Task Loading_twice_changes_nothing()
    {
        await DemoDataCollection.LoadAsync(platform);
        var before = await CountsAsync();

        var second = await DemoDataCollection.LoadAsync(platform);

        Assert.Equal((0, 0), (second.Created, second.StatusChanges));
        Assert.True(second.Existing > 50, $"Only {second.Existing} records were found on the second load.");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_rebuild_from_the_services_snapshots_gives_the_figures_the_messages_gave()
    {
        await DemoDataCollection.LoadAsync(platform);
        await ExpectAsync("/api/analytics/v1/sdgs/17", view => (Long(view, "primaryProjects"), Long(view, "secondaryProjects")), (1L, 7L));
        string[] views = ["/api/analytics/v1/overview", "/api/analytics/v1/sdgs/17", "/api/analytics/v1/sdgs/9", $"/api/analytics/v1/funders/{Pgtf}",
            "/api/analytics/v1/partnerships", "/api/analytics/v1/countries/ETH", $"/api/analytics/v1/networks/{ChinaSscNetwork}?funderId={Pgtf}"];
        var incremental = await ReadAllAsync(views);

        var admin = await platform.Partners.RegisterClientAsync("rebuilder", [PlatformScopes.PlatformAdmin], Cancel);
        using var rebuild = new HttpRequestMessage(HttpMethod.Post, "/api/analytics/v1/admin/rebuild");
        rebuild.Headers.Authorization = new("Bearer", await platform.Partners.TokenAsync(admin, cancellationToken: Cancel));
        using var rebuilt = await platform.Gateway.SendAsync(rebuild, Cancel);

        Assert.Equal(System.Net.HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal(incremental, await ReadAllAsync(views));
    }

    private async Task<List<string>> ReadAllAsync(IEnumerable<string> paths)
    {
        var bodies = new List<string>();
        foreach (var path in paths)
        {
            bodies.Add($"{path}: {await platform.Gateway.GetStringAsync(path, Cancel)}");
        }
        return bodies;
    }

    private async Task<(long Institutions, long Projects, long Events)> CountsAsync()
    {
        var institutions = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/directory/v1/institutions?q=China&pageSize=1", Cancel);
        var projects = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/v1/projects?funder={Pgtf}&pageSize=1", Cancel);
        var events = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/events/v1/events?pageSize=1", Cancel);
        return (Long(institutions, "count"), Long(projects, "count"), Long(events, "count"));
    }

    /// <summary>Analytics follows the services' messages, so the figures arrive shortly after the load.</summary>
    private async Task ExpectAsync<T>(string path, Func<JsonElement, T> figures, T expected)
    {
        T? last = default;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                last = figures(await platform.Gateway.GetFromJsonAsync<JsonElement>(path, Cancel));
                return Equals(last, expected);
            }, $"{path} shows {expected}", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} It shows {last}.", e);
        }
    }

    private static long Long(JsonElement element, string property) => element.GetProperty(property).GetInt64();
}
