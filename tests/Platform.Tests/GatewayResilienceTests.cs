using System.Diagnostics;
using System.Net;
using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Hosting;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

public sealed class GatewayResilienceTests(PlatformFixture platform)
{
    /// <summary>A stack of its own (services and gateway on the shared servers, databases prefixed), so that killing a backend disturbs no other test.</summary>
    [Fact]
    public async Task A_backend_killed_under_load_gives_fast_503s_and_recovers_without_a_gateway_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        var dataDirectory = TestDirectories.Create("resilience");
        var options = TestDirectories.Options(dataDirectory) with
        {
            DatabaseNamePrefix = $"r{Guid.NewGuid():N}"[..9] + "_",
            ExternalConnectionStrings = new Dictionary<string, string>
            {
                ["postgres"] = platform.ConnectionString("postgres"),
                ["cache"] = platform.ConnectionString("cache"),
                ["messaging"] = platform.ConnectionString("messaging"),
            },
        };
        await using var host = PlatformTopology.Declare(options, gatewayPort: 0).Build();
        await host.StartAsync(cancel);
        using var gateway = new HttpClient { BaseAddress = host.Get<ProjectResource>("gateway").Url, Timeout = TimeSpan.FromSeconds(30) };
        var directory = host.Get<ProjectResource>("directory-api");

        directory.Process!.KillNow();
        var clock = Stopwatch.StartNew();
        using var whileDown = await gateway.GetAsync($"/api/directory/v1/info?n={Guid.NewGuid():N}", cancel);
        var answeredIn = clock.Elapsed;
        using var otherBackend = await gateway.GetAsync($"/api/portfolio/v1/info?n={Guid.NewGuid():N}", cancel);

        await host.RestartAsync(directory, cancel);
        var recovered = await EventuallyAsync(async () =>
        {
            using var response = await gateway.GetAsync($"/api/directory/v1/info?n={Guid.NewGuid():N}", cancel);
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal("application/problem+json", whileDown.Content.Headers.ContentType?.MediaType);
        Assert.True(answeredIn < TimeSpan.FromSeconds(5), $"the 503 took {answeredIn}");
        Assert.Equal(HttpStatusCode.OK, otherBackend.StatusCode);
        Assert.True(recovered, "the gateway did not route to the restarted backend");
        await host.StopAsync();
        TestDirectories.Delete(dataDirectory);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(200);
        }
        return false;
    }
}
