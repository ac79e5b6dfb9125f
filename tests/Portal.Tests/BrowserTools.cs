namespace CooperationPlatform.Portal.Tests;

/// <summary>
/// Where the browser tests find what eng/install-browser-tests.sh installs: Debian's Chromium and axe-core's axe.min.js (fetched from
/// the npm registry into artifacts/test-tools, never committed). Outside CI a missing tool skips the tests that need it, naming the
/// script; in CI it fails them, so that the checks cannot silently stop running.
/// </summary>
internal static class BrowserTools
{
    public const string AxeCoreVersion = "4.14.1";

    public static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium";

    public static string AxePath => Environment.GetEnvironmentVariable("PORTAL_AXE_PATH")
        ?? Path.Combine(RepositoryRoot, "artifacts", "test-tools", $"axe-core-{AxeCoreVersion}", "axe.min.js");

    /// <summary>Screenshots of the main pages: PORTAL_SCREENSHOTS, else TestResults/portal-screenshots at the repository's root.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") ?? Path.Combine(RepositoryRoot, "TestResults", "portal-screenshots");
            System.IO.Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static void RequireChromium() => Require(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}");

    public static void RequireAxe() => Require(File.Exists(AxePath), $"axe-core is missing at {AxePath}");

    private static void Require(bool present, string problem)
    {
        var message = $"{problem}: run eng/install-browser-tests.sh (CI runs it from .ci/run).";
        Assert.True(present || !InCi, message);
        Assert.SkipUnless(present, message);
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "CooperationPlatform.sln")))
                {
                    return folder.FullName;
                }
            }
            throw new InvalidOperationException($"No CooperationPlatform.sln above {AppContext.BaseDirectory}.");
        }
    }
}
