using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.Testing;
using Microsoft.Playwright;

namespace CooperationPlatform.Portal.Tests;

/// <summary>
/// The whole platform as the AppHost starts it (<see cref="PlatformFixture"/>, shared with Platform.Tests), the demo data loaded
/// through the API and counted by analytics, and one Chromium that every test opens its own context in.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string ChinaSscNetwork = "c0000000-5050-4000-8000-000000000120";
    public const string NetworkMember = "c0000000-5050-4000-8000-000000000130";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PlatformFixture Platform { get; } = new();

    /// <summary>The gateway's address: the portal is served at its root.</summary>
    public Uri Portal => Platform.Gateway.BaseAddress!;

    public async ValueTask InitializeAsync()
    {
        await Platform.InitializeAsync();
        await Platform.LoadDemoDataAsync(cancellationToken: TestContext.Current.CancellationToken);
        // Analytics counts from messages: the home page's figures are the demo data's once it has consumed them all.
        await Eventually.HoldsAsync(async () =>
        {
            var overview = await Platform.Gateway.GetFromJsonAsync<JsonElement>("/api/analytics/v1/overview", TestContext.Current.CancellationToken);
            return overview.GetProperty("institutions").GetInt64() >= 27 && overview.GetProperty("projects").GetInt64() >= 11
                && overview.GetProperty("events").GetInt64() >= 2;
        }, "analytics counts the demo data", TimeSpan.FromSeconds(60));
    }

    /// <summary>The browser, started on first use (a test that is skipped for a missing Chromium never starts it).</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        BrowserTools.RequireChromium();
        if (_browser is null)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserTools.ChromiumPath,
                Headless = true,
                Args = BrowserTools.ChromiumArgs,
            });
        }
        return _browser;
    }

    /// <summary>A fresh context (no cookies, no cache) and a page in it; <paramref name="bypassCsp"/> only to inject axe-core.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool mobile = false, bool bypassCsp = false)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            BypassCSP = bypassCsp,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await Platform.DisposeAsync();
    }
}
