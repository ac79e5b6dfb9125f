using System.Diagnostics;
using System.Text.RegularExpressions;
using CooperationPlatform.AppHost;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

/// <summary>
/// Runs docs/walkthrough.md: every <c>bash</c> block, in order, in one shell, against the stack with the demo data. A command of
/// the page that stops working (a route, a field, a status) fails here, so the page cannot rot.
/// </summary>
[Collection(DemoDataCollection.Name)]
public sealed partial class WalkthroughTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_command_of_the_walkthrough_works_against_the_running_stack()
    {
        await DemoDataCollection.LoadAsync(platform);
        var root = PlatformOptions.FindRepositoryRoot();
        var page = await File.ReadAllTextAsync(Path.Combine(root, "docs", "walkthrough.md"), TestContext.Current.CancellationToken);
        var blocks = BashBlock().Matches(page).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= 10, $"Only {blocks.Count} bash blocks were found in docs/walkthrough.md.");
        var client = platform.Partners.DevelopmentClient;

        var (exitCode, output) = await RunBashAsync(root, string.Join("\n", ["set -euo pipefail", .. blocks]), new Dictionary<string, string>
        {
            ["GATEWAY"] = platform.Gateway.BaseAddress!.ToString().TrimEnd('/'),
            ["CLIENT_ID"] = client.ClientId,
            ["CLIENT_SECRET"] = client.ClientSecret,
        }, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"The walkthrough failed (exit code {exitCode}):\n{output}");
        Assert.Contains("<iati-activities", output);
        Assert.Contains("Biogas digesters for rural households in Ethiopia", output);
        Assert.Contains("Biogas Institute of Ministry of Agriculture", output);
        Assert.Contains("\"status\": \"requested\"", output);
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string directory, string script, Dictionary<string, string> environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"Timed out after {timeout.TotalSeconds:0} s.\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    [GeneratedRegex(@"^```bash\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
