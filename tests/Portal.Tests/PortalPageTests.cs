using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CooperationPlatform.Portal.Tests;

/// <summary>The portal's pages in Chromium, through the gateway, over the demo data.</summary>
public sealed class PortalPageTests(PortalFixture portal)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> MainPages => new(
        "/",
        "/directory",
        "/directory?country=CHN&type=research-or-training-centre",
        $"/directory/institutions/{PortalFixture.ChinaSscNetwork}",
        $"/directory/institutions/{PortalFixture.NetworkMember}",
        "/no-such-page");

    [Fact]
    public async Task Home_shows_the_headline_figures_of_the_api_the_events_and_the_newest_projects()
    {
        var page = await portal.NewPageAsync();
        var errors = CollectErrors(page);

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        var overview = await portal.Platform.Gateway.GetFromJsonAsync<JsonElement>("/api/analytics/v1/overview", Cancel);
        foreach (var (figure, field) in new[] { ("institutions", "institutions"), ("networks", "networks"), ("projects", "projects"),
                     ("countries", "countriesReached"), ("goals", "sdgsCovered"), ("events", "events") })
        {
            await Expect(page.Locator($"[data-figure={figure}]")).ToHaveTextAsync(overview.GetProperty(field).GetInt64().ToString("N0", CultureInfo.GetCultureInfo("en")));
        }
        await Expect(page.Locator("[data-test=events] li")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=events]")).ToContainTextAsync("Belt and Road Inclusive and Sustainable City Exhibition and Dialogue 2016");
        await Expect(page.Locator("[data-test=events]")).ToContainTextAsync("17 October 2016 – 21 October 2016");
        await Expect(page.Locator("[data-test=projects] li")).Not.ToHaveCountAsync(0);
        Assert.Empty(errors);
        await ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task The_first_load_of_the_home_page_stays_under_300_KB()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        var weight = await page.EvaluateAsync<JsonElement>("""
            () => {
              const navigation = performance.getEntriesByType('navigation')[0];
              const resources = performance.getEntriesByType('resource');
              return { total: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
                       parts: [location.pathname + ' ' + navigation.transferSize, ...resources.map(r => new URL(r.name).pathname + ' ' + r.transferSize)] };
            }
            """);

        var total = weight.GetProperty("total").GetInt64();
        var parts = string.Join(", ", weight.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        var report = $"Home page, first load through the gateway: {total:N0} bytes transferred ({parts})";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(BrowserTools.ScreenshotFolder, "home-page-weight.txt"), report + Environment.NewLine, Cancel);
        Assert.True(total is > 0 and < 300 * 1024, $"The home page's first load is {total:N0} bytes ({parts}).");
    }

    [Fact]
    public async Task Directory_facets_narrow_the_results_and_a_removed_filter_widens_them_again()
    {
        var page = await portal.NewPageAsync();
        var errors = CollectErrors(page);
        await page.GotoAsync("/directory");
        var count = page.Locator("[data-test=result-count]");
        var all = int.Parse((await count.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);

        var china = page.Locator("a[data-facet=country][data-value=CHN]");
        var inChina = int.Parse(await china.Locator(".count").InnerTextAsync(), CultureInfo.InvariantCulture);
        await china.ClickAsync();
        await page.WaitForURLAsync("**/directory?country=CHN");
        await Expect(count).ToHaveAttributeAsync("data-count", inChina.ToString(CultureInfo.InvariantCulture));
        Assert.InRange(inChina, 1, all - 1);
        foreach (var meta in await page.Locator("[data-test=results] li .meta").First.AllInnerTextsAsync())
        {
            Assert.Contains("China", meta);
        }

        var networks = page.Locator("a[data-facet=type][data-value=network]");
        var chineseNetworks = int.Parse(await networks.Locator(".count").InnerTextAsync(), CultureInfo.InvariantCulture);
        await networks.ClickAsync();
        await page.WaitForURLAsync("**/directory?country=CHN&type=network");
        await Expect(count).ToHaveAttributeAsync("data-count", chineseNetworks.ToString(CultureInfo.InvariantCulture));
        Assert.InRange(chineseNetworks, 1, inChina - 1);
        await Expect(page.Locator("[data-test=results]")).ToContainTextAsync("China South-South Cooperation Network");

        await page.Locator("[data-remove=country]").ClickAsync();
        await page.WaitForURLAsync("**/directory?type=network");
        // Enhanced navigation changes the address first, then patches the page in.
        await Expect(count).Not.ToHaveAttributeAsync("data-count", chineseNetworks.ToString(CultureInfo.InvariantCulture));
        var allNetworks = int.Parse((await count.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
        Assert.True(allNetworks > chineseNetworks, $"{allNetworks} networks in all, {chineseNetworks} in China");
        Assert.Empty(errors);
        await ScreenshotAsync(page, "directory-networks");
    }

    [Fact]
    public async Task A_search_word_and_nonsense_in_the_query_string_give_a_search_never_an_error()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/directory");
        await page.Locator("#q").FillAsync("hydropower");
        await page.Locator("form[role=search] button").ClickAsync();
        await page.WaitForURLAsync("**/directory?q=hydropower");
        await Expect(page.Locator("[data-test=results]")).ToContainTextAsync("Small Hydropower");

        var response = await page.GotoAsync("/directory?sdg=99&sdg=x&country=ZZZ&type=nonsense&page=-4&network=not-a-guid&region=1");
        Assert.Equal(200, response!.Status);
        // Every value is dropped: the search is the unfiltered one.
        var unfiltered = await portal.Platform.Gateway.GetFromJsonAsync<JsonElement>("/api/directory/v1/institutions?pageSize=1", Cancel);
        await Expect(page.Locator("[data-test=result-count]")).ToHaveAttributeAsync("data-count",
            unfiltered.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_network_page_shows_its_expertise_history_and_track_record_and_links_to_its_members()
    {
        var page = await portal.NewPageAsync();
        var errors = CollectErrors(page);
        await page.GotoAsync($"/directory/institutions/{PortalFixture.ChinaSscNetwork}");

        await Expect(page.Locator("h1")).ToHaveTextAsync("China South-South Cooperation Network (China SSC Network)");
        await Expect(page.Locator("[data-page=institution]")).ToContainTextAsync("17. Partnerships for the Goals");
        await Expect(page.Locator("[data-page=institution]")).ToContainTextAsync("Pérez-Guerrero Trust Fund for South-South Cooperation");
        await Expect(page.Locator("[data-test=track-record] tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=member-counts]")).ToContainTextAsync("12 active members");
        await Expect(page.Locator("#members-heading + p + dl")).ToContainTextAsync("Secretariat of China South-South Cooperation Network");
        Assert.Empty(errors);
        await ScreenshotAsync(page, "institution-network");

        await page.Locator("[data-test=members-link]").ClickAsync();
        await page.WaitForURLAsync($"**/directory?network={PortalFixture.ChinaSscNetwork}");
        var members = int.Parse((await page.Locator("[data-test=result-count]").GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
        Assert.True(members >= 11, $"{members} current members listed");
    }

    [Fact]
    public async Task A_member_institution_page_lists_its_network_with_role_and_status()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync($"/directory/institutions/{PortalFixture.NetworkMember}");

        var memberships = page.Locator("[data-test=memberships] tbody tr");
        await Expect(memberships).ToHaveCountAsync(1);
        await Expect(memberships).ToContainTextAsync("China South-South Cooperation Network");
        await Expect(memberships).ToContainTextAsync("Member");
        await Expect(memberships).ToContainTextAsync("Active");
        await ScreenshotAsync(page, "institution");
    }

    [Theory]
    [InlineData("/directory/institutions/00000000-0000-4000-8000-000000000000")]
    [InlineData("/directory/institutions/not-an-id")]
    [InlineData("/no-such-page/at/all")]
    public async Task An_unknown_id_or_address_gives_the_404_page_with_status_404(string path)
    {
        var page = await portal.NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("[data-page=not-found] h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("header nav a[href='/directory']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_language_switcher_changes_the_interface_and_the_date_format_and_the_choice_follows_the_visitor()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.Locator("footer a[hreflang=fr]").ClickAsync();
        await page.WaitForURLAsync("**/?lang=fr");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("h1")).ToHaveTextAsync("La coopération Sud-Sud et triangulaire, en un seul lieu");
        await Expect(page.Locator("[data-test=events]")).ToContainTextAsync("17 octobre 2016 – 21 octobre 2016");
        await ScreenshotAsync(page, "home-fr");

        // The choice is remembered: the next page, reached by a plain link, is in French too.
        await page.Locator("header nav a[href='/directory']").ClickAsync();
        await page.WaitForURLAsync("**/directory");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Répertoire");

        await page.Locator("footer a[hreflang=zh]").ClickAsync();
        await page.WaitForURLAsync("**/directory?lang=zh");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh");
        await Expect(page.Locator("h1")).ToHaveTextAsync("名录");
        await ScreenshotAsync(page, "directory-zh");

        await page.Locator("footer a[hreflang=es]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Directorio");
    }

    [Fact]
    public async Task The_keyboard_reaches_a_skip_link_first_and_every_section_by_tab()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("/directory", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/directory");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Directory");
    }

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task Axe_core_finds_no_serious_or_critical_violation(string path)
    {
        BrowserTools.RequireAxe();
        // axe-core is injected as a script: only this context lets it past the portal's Content-Security-Policy.
        var page = await portal.NewPageAsync(bypassCsp: true);
        await page.GotoAsync(path);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = BrowserTools.AxePath });

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')})`)
            """);

        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core on {path}:{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
    }

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task A_375_px_phone_shows_no_horizontal_scroll(string path)
    {
        var page = await portal.NewPageAsync(width: 375, height: 812, mobile: true);
        await page.GotoAsync(path);

        var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));

        Assert.True(scrollWidth <= viewport, $"{path} is {scrollWidth} px wide in a {viewport} px viewport");
        if (path == "/")
        {
            await ScreenshotAsync(page, "home-phone");
        }
    }

    /// <summary>Console errors (a script that failed, a Content-Security-Policy violation) and failed requests of a page.</summary>
    private static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"{request.Method} {request.Url}: {request.Failure}");
        return errors;
    }

    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTools.ScreenshotFolder, $"{name}.png"), FullPage = true });
}
