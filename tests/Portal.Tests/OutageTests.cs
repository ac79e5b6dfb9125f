using System.Net;
using CooperationPlatform.Testing;
using static Microsoft.Playwright.Assertions;

namespace CooperationPlatform.Portal.Tests;

/// <summary>What a visitor sees while a service, or the portal itself, is down: a page that says what is unavailable, never a trace.</summary>
public sealed class OutageTests(PortalFixture portal)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_service_makes_only_its_section_unavailable_and_the_page_is_whole_again_once_it_is_back()
    {
        var stack = portal.Platform.Stack;
        await stack.CommandAsync("analytics-api", "resource-stop", Cancel);
        try
        {
            var page = await portal.NewPageAsync();
            // A query string of its own: the page is not served from a cache filled while analytics was up.
            var response = await page.GotoAsync($"/?probe={Guid.NewGuid():N}");

            Assert.Equal(200, response!.Status);
            Assert.Equal("no-store", response.Headers["cache-control"]);
            await Expect(page.Locator("[data-test=figures]")).ToHaveCountAsync(0);
            await Expect(page.Locator(".unavailable")).ToContainTextAsync("The figures cannot be shown right now");
            await Expect(page.Locator("[data-test=events] li")).Not.ToHaveCountAsync(0);
            await Expect(page.Locator("[data-test=projects] li")).Not.ToHaveCountAsync(0);
        }
        finally
        {
            await stack.CommandAsync("analytics-api", "resource-start", Cancel);
            await stack.WaitUntilHealthyAsync("analytics-api", Cancel);
        }

        await Eventually.HoldsAsync(async () =>
        {
            using var overview = await portal.Platform.Gateway.GetAsync($"/api/analytics/v1/overview?probe={Guid.NewGuid():N}", Cancel);
            return overview.StatusCode == HttpStatusCode.OK;
        }, "the gateway routes to analytics again", TimeSpan.FromSeconds(30));
        var again = await portal.NewPageAsync();
        await again.GotoAsync($"/?probe={Guid.NewGuid():N}");
        await Expect(again.Locator("[data-test=figures]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task While_the_portal_is_down_a_browser_gets_the_gateways_unavailable_page_and_the_api_still_answers()
    {
        var stack = portal.Platform.Stack;
        await stack.CommandAsync("web", "resource-stop", Cancel);
        try
        {
            var page = await portal.NewPageAsync();
            var response = await page.GotoAsync($"/directory?probe={Guid.NewGuid():N}");

            Assert.Equal(503, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("The portal is temporarily unavailable");
            using var api = await portal.Platform.Gateway.GetAsync("/api/directory/v1/info", Cancel);
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }
        finally
        {
            await stack.CommandAsync("web", "resource-start", Cancel);
            await stack.WaitUntilHealthyAsync("web", Cancel);
        }

        await Eventually.HoldsAsync(async () =>
        {
            using var home = await portal.Platform.Gateway.GetAsync($"/?probe={Guid.NewGuid():N}", Cancel);
            return home.StatusCode == HttpStatusCode.OK;
        }, "the gateway routes to the portal again", TimeSpan.FromSeconds(30));
    }
}
